namespace Greenlight.History;

/// <summary>
/// Every run's facts, across runs: SQLite by default, PostgreSQL when shared. Methods never
/// throw for database problems; they return a <see cref="HistoryResult{T}"/> with the reason.
/// Safe for several runs writing at once (each save is one transaction).
/// </summary>
public interface IHistoryStore : IAsyncDisposable
{
    /// <summary>e.g. "sqlite .greenlight/history.db" or "postgres 127.0.0.1:5432/greenlight" (no password).</summary>
    string Description { get; }

    /// <summary>Inserts or replaces the run and everything under it.</summary>
    Task<HistoryResult<Saved>> SaveRunAsync(HistoryRun run, CancellationToken cancellationToken);

    Task<HistoryResult<IReadOnlyList<HistoryRunSummary>>> RecentRunsAsync(string project, int count, CancellationToken cancellationToken);

    /// <summary>Pass rate per suite over the last iteration of the last <paramref name="runs"/> runs.</summary>
    Task<HistoryResult<IReadOnlyList<PassRate>>> PassRateBySuiteAsync(string project, int runs, CancellationToken cancellationToken);

    Task<HistoryResult<IReadOnlyList<PassRate>>> PassRateByPhaseAsync(string project, int runs, CancellationToken cancellationToken);

    /// <summary>Median duration of the test's last <paramref name="lastPassing"/> proven passes; null without any (the duration-drop baseline).</summary>
    Task<HistoryResult<double?>> MedianPassingDurationMsAsync(string project, TestKey test, int lastPassing, string excludeRunId, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="MedianPassingDurationMsAsync"/> for every test of a suite at once: one query for a suite of any size (a
    /// million tests are not a million queries), each (test name, median) handed to <paramref name="visit"/> as it is
    /// computed, in name order, nothing held; tests without a proven pass are absent. How many tests had one. On an
    /// error <paramref name="visit"/> may already have seen some of the tests: the caller drops what it gathered.
    /// </summary>
    Task<HistoryResult<int>> ReadMedianPassingDurationsMsAsync(string project, string suite, int lastPassing, string excludeRunId, Action<string, double> visit, CancellationToken cancellationToken);

    /// <summary>
    /// Tests whose latest outcome in the last 20 runs was failed or error (a later skip does not clear it), for
    /// previously-failing-first ordering: the latest failures first, then by suite and name (ordinal).
    /// </summary>
    Task<HistoryResult<IReadOnlyList<TestKey>>> PreviouslyFailingAsync(string project, CancellationToken cancellationToken);

    Task<HistoryResult<IReadOnlyList<FlakyTest>>> FlakyTestsAsync(string project, int runs, CancellationToken cancellationToken);

    /// <summary>Slowest passing tests by mean duration over the last iteration of the last <paramref name="runs"/> runs.</summary>
    Task<HistoryResult<IReadOnlyList<SlowTest>>> SlowestTestsAsync(string project, int runs, int count, CancellationToken cancellationToken);

    /// <summary>Clusters of the latest run's last iteration, with how many runs have shown each and since when.</summary>
    Task<HistoryResult<IReadOnlyList<OpenCluster>>> OpenClustersAsync(string project, CancellationToken cancellationToken);

    /// <summary>The latest earlier run (not <paramref name="excludeRunId"/>) whose clusters held this signature.</summary>
    Task<HistoryResult<SignatureSighting?>> LastSeenAsync(string project, string signature, string excludeRunId, CancellationToken cancellationToken);

    /// <summary>The tests of the run's last iteration with every saved field (reasons not loaded), all at once: for a look at one run, not for large ones.</summary>
    Task<HistoryResult<IReadOnlyList<HistoryTest>>> RunTestsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="visit"/> with each test of the run's last iteration (of <paramref name="suite"/> when given) in
    /// (suite, name) order, as it is read: nothing is held, so a million-test run costs no memory; how many were read.
    /// On an error <paramref name="visit"/> may already have seen some of the tests: the caller drops what it gathered.
    /// </summary>
    Task<HistoryResult<int>> ReadRunTestsAsync(string runId, string? suite, Action<HistoryTestStatus> visit, CancellationToken cancellationToken);

    /// <summary>How many tests the run's last iteration has, and how many of them failed or were flaky.</summary>
    Task<HistoryResult<(int Tests, int Failed)>> RunTestCountsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The clusters of the run's last iteration (evidence lines not loaded).</summary>
    Task<HistoryResult<IReadOnlyList<HistoryCluster>>> RunClustersAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The requests each suite of the run's last iteration made through the recording proxies.</summary>
    Task<HistoryResult<IReadOnlyList<(string Suite, int Requests)>>> RunSuiteTrafficAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Start of the latest earlier run in which the test passed.</summary>
    Task<HistoryResult<DateTimeOffset?>> LastPassedAsync(string project, TestKey test, string excludeRunId, CancellationToken cancellationToken);
}
