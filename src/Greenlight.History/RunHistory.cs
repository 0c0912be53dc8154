using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.History;

/// <summary>The run pipeline's view of an <see cref="IHistoryStore"/>: run records in, what earlier runs knew out.</summary>
public sealed class RunHistory(IHistoryStore store) : IRunHistory, Greenlight.Runs.Sharding.IShardStoreProvider
{
    public string Description => store.Description;

    public Greenlight.Runs.Sharding.IShardStore? Shards => store is SqlHistoryStore sql ? new RunShardStore(sql) : null;

    /// <summary>How far back the previous run is looked for past runs in which no tests ran.</summary>
    private const int LookBack = 20;

    public async Task<HistoryAnswer<PreviousRunLookup>> PreviousRunAsync(string project, string excludeRunId, CancellationToken cancellationToken)
    {
        var recent = await store.RecentRunsAsync(project, LookBack + 1, cancellationToken);
        if (!recent.Succeeded)
        {
            return HistoryAnswer<PreviousRunLookup>.Fail(recent.Error!);
        }

        // The last run that ran tests: a BLOCKED run, or one whose every suite did not run, compares with nothing
        // (every test "not run") and would hide what changed since the run before it. Each one passed over is named.
        var skipped = new List<string>();
        HistoryRunSummary? last = null;
        foreach (var run in recent.Value!.Where(r => r.Id != excludeRunId).Take(LookBack))
        {
            if (SkipReason(run) is not { } reason)
            {
                last = run;
                break;
            }

            skipped.Add($"run {run.Id} skipped: {reason}");
        }

        if (last is null)
        {
            return HistoryAnswer<PreviousRunLookup>.Ok(new(null, skipped));
        }

        var counts = await store.RunTestCountsAsync(last.Id, cancellationToken);
        var clusters = await store.RunClustersAsync(last.Id, cancellationToken);
        var traffic = await store.RunSuiteTrafficAsync(last.Id, cancellationToken);
        if ((counts.Error ?? clusters.Error ?? traffic.Error) is { } error)
        {
            return HistoryAnswer<PreviousRunLookup>.Fail(error);
        }

        return HistoryAnswer<PreviousRunLookup>.Ok(new(new PreviousRun(
            last.Id, last.Started, last.Verdict,
            new StoredTests(store, last.Id, counts.Value.Tests, counts.Value.Failed),
            [.. clusters.Value!.Select(c => new ClusterSnapshot(c.Signature, c.Title, c.Count))])
        {
            SuiteRequests = traffic.Value!.ToDictionary(s => s.Suite, s => s.Requests, StringComparer.Ordinal),
        }, skipped));
    }

    /// <summary>Why a run is no baseline for the next one (its last iteration ran no test, or it was BLOCKED); null when it is one.</summary>
    private static string? SkipReason(HistoryRunSummary run)
    {
        var ran = run.Passed + run.Failed;
        var blocked = string.Equals(run.Verdict, "BLOCKED", StringComparison.Ordinal);
        return ran == 0 ? (blocked ? "BLOCKED, no tests ran" : $"{run.Verdict}, no tests ran (every suite not run or skipped)")
            : blocked ? "BLOCKED, its last iteration did not reach the tests" : null;
    }

    public async Task<HistoryAnswer<IReadOnlyList<(string Suite, string Test)>>> PreviouslyFailingAsync(string project, CancellationToken cancellationToken)
    {
        var failing = await store.PreviouslyFailingAsync(project, cancellationToken);
        return failing.Succeeded
            ? HistoryAnswer<IReadOnlyList<(string, string)>>.Ok([.. failing.Value!.Select(k => (k.Suite, k.Name))])
            : HistoryAnswer<IReadOnlyList<(string, string)>>.Fail(failing.Error!);
    }

    public async Task<HistoryAnswer<int>> ReadMedianPassingDurationsAsync(
        string project, string suite, int lastPassing, string excludeRunId, Action<string, TimeSpan> visit, CancellationToken cancellationToken)
    {
        var read = await store.ReadMedianPassingDurationsMsAsync(project, suite, lastPassing, excludeRunId, (name, ms) => visit(name, TimeSpan.FromMilliseconds(ms)), cancellationToken);
        return read.Succeeded ? HistoryAnswer<int>.Ok(read.Value) : HistoryAnswer<int>.Fail(read.Error!);
    }

    public async Task<HistoryAnswer<HistoryFacts>> FactsAsync(string project, string runId, FailureCluster cluster, CancellationToken cancellationToken)
    {
        var facts = await EvidenceHistory.LoadFactsAsync(store, project, runId, cluster, cancellationToken);
        return facts.Succeeded ? HistoryAnswer<HistoryFacts>.Ok(facts.Value!) : HistoryAnswer<HistoryFacts>.Fail(facts.Error!);
    }

    public async Task<HistoryAnswer<IReadOnlyDictionary<(string Suite, string Test), double>>> FlipRatesAsync(string project, int runs, CancellationToken cancellationToken)
    {
        var flaky = await store.FlakyTestsAsync(project, runs, cancellationToken);
        return flaky.Succeeded
            ? HistoryAnswer<IReadOnlyDictionary<(string, string), double>>.Ok(flaky.Value!.ToDictionary(f => (f.Suite, f.Name), f => f.FlipRate))
            : HistoryAnswer<IReadOnlyDictionary<(string, string), double>>.Fail(flaky.Error!);
    }

    public async Task<HistoryAnswer<bool>> SaveAsync(RunRecord record, CancellationToken cancellationToken)
    {
        var saved = await store.SaveRunAsync(RunRecordMapper.ToHistoryRun(record), cancellationToken);
        return saved.Succeeded ? HistoryAnswer<bool>.Ok(true) : HistoryAnswer<bool>.Fail(saved.Error!);
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static TestStatus StatusOf(HistoryTestStatus test) => test.Flaky
        ? TestStatus.Flaky
        : test.Outcome switch
        {
            "passed" => test.Proven ? TestStatus.Passed : TestStatus.Unproven,
            "skipped" => TestStatus.Skipped,
            _ => TestStatus.Failed,
        };

    /// <summary>A run's final tests, left in the store and read again each time a check or the comparison needs them.</summary>
    private sealed class StoredTests(IHistoryStore store, string runId, int count, int failed) : IPreviousTests
    {
        public int Count => count;

        public int Failed => failed;

        public async Task<HistoryAnswer<int>> ReadAsync(string? suite, Action<TestSnapshot> visit, CancellationToken cancellationToken)
        {
            var read = await store.ReadRunTestsAsync(runId, suite, t => visit(new TestSnapshot(t.Suite, t.Name, StatusOf(t))), cancellationToken);
            return read.Succeeded ? HistoryAnswer<int>.Ok(read.Value) : HistoryAnswer<int>.Fail(read.Error!);
        }
    }
}

/// <summary>Opens the store <c>history:</c> names, as the pipeline's <see cref="IRunHistory"/>.</summary>
public sealed class RunHistoryFactory(TimeProvider time) : IRunHistoryFactory
{
    public async Task<HistoryAnswer<IRunHistory>> OpenAsync(HistoryConfig config, string rootDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var opened = await HistoryStores.OpenAsync(config.SqlitePath, config.Postgres, rootDirectory, time, cancellationToken);
        return opened.Succeeded ? HistoryAnswer<IRunHistory>.Ok(new RunHistory(opened.Value!)) : HistoryAnswer<IRunHistory>.Fail(opened.Error!);
    }
}
