using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Config;
using Greenlight.Model;

namespace Greenlight.Runs.History;

/// <summary>
/// What a run reads from and writes to the history store (Greenlight.History implements it).
/// Every method returns a problem instead of throwing: history is never worth failing a run for.
/// </summary>
public interface IRunHistory : IAsyncDisposable
{
    /// <summary>"sqlite /repo/.greenlight/history.db" or "postgres host:port/db" (no password).</summary>
    string Description { get; }

    /// <summary>
    /// The latest earlier run of the project in which tests ran, with its final tests and clusters (null when there is
    /// none), and the later runs passed over because no tests ran in them (BLOCKED, or every suite not run).
    /// </summary>
    Task<HistoryAnswer<PreviousRunLookup>> PreviousRunAsync(string project, string excludeRunId, CancellationToken cancellationToken);

    /// <summary>Tests whose latest recorded outcome was a failure, as (suite, full name).</summary>
    Task<HistoryAnswer<IReadOnlyList<(string Suite, string Test)>>> PreviouslyFailingAsync(string project, CancellationToken cancellationToken);

    /// <summary>
    /// Per test of the suite, its full name and the median of its last <paramref name="lastPassing"/> proven passes (the
    /// duration-drop baseline), handed to <paramref name="visit"/> as they are read, in one query whatever the suite's
    /// size; tests without any are absent. How many tests had one.
    /// </summary>
    Task<HistoryAnswer<int>> ReadMedianPassingDurationsAsync(string project, string suite, int lastPassing, string excludeRunId, Action<string, TimeSpan> visit, CancellationToken cancellationToken);

    /// <summary>When the cluster's signature was last seen and when its tests last passed, excluding this run.</summary>
    Task<HistoryAnswer<HistoryFacts>> FactsAsync(string project, string runId, FailureCluster cluster, CancellationToken cancellationToken);

    /// <summary>Flip rate (pass/fail changes ÷ (runs − 1)) over the last <paramref name="runs"/> runs, per (suite, test).</summary>
    Task<HistoryAnswer<IReadOnlyDictionary<(string Suite, string Test), double>>> FlipRatesAsync(string project, int runs, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the run with its tests, clusters and their evidence lines (save after each iteration; the last save wins).</summary>
    Task<HistoryAnswer<bool>> SaveAsync(RunRecord record, CancellationToken cancellationToken);
}

/// <summary>Opens the store that <c>history:</c> names.</summary>
public interface IRunHistoryFactory
{
    Task<HistoryAnswer<IRunHistory>> OpenAsync(HistoryConfig config, string rootDirectory, CancellationToken cancellationToken);
}

/// <summary>A history answer, or the reason there is none.</summary>
public sealed record HistoryAnswer<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;

    public static HistoryAnswer<T> Ok(T value) => new(value, null);

    public static HistoryAnswer<T> Fail(string error) => new(default, error);
}

/// <summary>
/// What the last run knew: its verdict, its open clusters, how many requests each suite made, and its final tests,
/// which stay in the store and are read when a check needs them (a run with a million tests is not held in memory).
/// </summary>
public sealed record PreviousRun(
    string RunId,
    DateTimeOffset StartedAt,
    string Verdict,
    IPreviousTests Tests,
    IReadOnlyList<ClusterSnapshot> Clusters)
{
    /// <summary>Requests the recording proxies saw during each suite of its last iteration (suites that recorded).</summary>
    public IReadOnlyDictionary<string, int> SuiteRequests { get; init; } = new Dictionary<string, int>();
}

/// <summary>The final tests of an earlier run, read one at a time each time they are needed.</summary>
public interface IPreviousTests
{
    /// <summary>How many tests the run recorded.</summary>
    int Count { get; }

    /// <summary>How many of them failed or passed only on a retry (flaky).</summary>
    int Failed { get; }

    /// <summary>
    /// Calls <paramref name="visit"/> once per test of <paramref name="suite"/> (of every suite when null), in
    /// (suite, name) order, each test once; the number read, or the reason the store could not be read (then
    /// <paramref name="visit"/> may have seen part of them, and the caller drops what it gathered).
    /// </summary>
    Task<HistoryAnswer<int>> ReadAsync(string? suite, Action<TestSnapshot> visit, CancellationToken cancellationToken);
}

/// <summary>The run to compare with (null when no earlier run ran tests) and the later runs passed over: "run X skipped: BLOCKED, no tests ran", newest first.</summary>
public sealed record PreviousRunLookup(PreviousRun? Run, IReadOnlyList<string> Skipped)
{
    public static PreviousRunLookup None { get; } = new(null, []);
}
