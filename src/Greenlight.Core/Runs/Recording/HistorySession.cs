using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.Runs.Recording;

/// <summary>
/// The history store for one run: what the last run knew, read once at the start; baselines, facts
/// and flip rates read on demand; the finished record saved at the end. A store that cannot be
/// opened or read is a problem line ("history not read: …"), never a failed run.
/// </summary>
internal sealed class HistorySession : IAsyncDisposable
{
    private const int BaselinePasses = 5;
    private const int FlipRateRuns = 20;
    private readonly IRunHistory? _store;
    private readonly bool _configured;

    private HistorySession(IRunHistory? store, bool configured, PreviousRunLookup previous, IReadOnlyList<string> previouslyFailing, IReadOnlyList<string> problems)
    {
        _store = store;
        _configured = configured;
        Previous = previous.Run;
        SkippedRuns = previous.Skipped;
        PreviouslyFailing = previouslyFailing;
        OpenProblems = problems;
        Description = store?.Description;
    }

    /// <summary>The latest earlier run of the project in which tests ran; null without history or without one.</summary>
    public PreviousRun? Previous { get; }

    /// <summary>Later runs passed over because no tests ran in them ("run X skipped: BLOCKED, no tests ran").</summary>
    public IReadOnlyList<string> SkippedRuns { get; }

    /// <summary>"suite / test" of the tests that failed the last time they ran.</summary>
    public IReadOnlyList<string> PreviouslyFailing { get; }

    /// <summary>What went wrong while opening and reading the store at the start.</summary>
    public IReadOnlyList<string> OpenProblems { get; }

    public string? Description { get; }

    /// <summary>Where a sharded run's roles meet: the same store, when it can (the SQL stores); null without one.</summary>
    public Sharding.IShardStore? Shards => (_store as Sharding.IShardStoreProvider)?.Shards;

    public static HistorySession None { get; } = new(null, false, PreviousRunLookup.None, [], []);

    public static async Task<HistorySession> OpenAsync(IRunHistoryFactory? factory, RunContext run, IRunProgress progress, CancellationToken cancellationToken)
    {
        if (factory is null)
        {
            return None;
        }

        var opened = await factory.OpenAsync(run.Config.HistoryStore, run.Config.RootDirectory, cancellationToken);
        if (!opened.Succeeded)
        {
            progress.Step("history", "store", $"history unavailable: {opened.Error}", false);
            return new(null, true, PreviousRunLookup.None, [], [$"history unavailable: {opened.Error}"]);
        }

        var store = opened.Value!;
        var problems = new List<string>();
        var previous = await store.PreviousRunAsync(run.Config.Project, run.RunId, cancellationToken);
        Note(problems, previous.Error);
        var failing = await store.PreviouslyFailingAsync(run.Config.Project, cancellationToken);
        Note(problems, failing.Error);
        var lookup = previous.Value ?? PreviousRunLookup.None;
        progress.Step("history", "store", (lookup.Run is { } p
            ? $"history: {store.Description}; last run {p.RunId} was {p.Verdict}"
            : $"history: {store.Description}; no earlier run" + (lookup.Skipped.Count > 0 ? " that ran tests" : "")) + string.Concat(lookup.Skipped.Select(x => $"; {x}")), true);
        return new(store, true, lookup, [.. (failing.Value ?? []).Select(t => $"{t.Suite} / {t.Test}")], problems);
    }

    /// <summary>Every test of the suite with a proven pass in history, by full name, its median duration in ms (how shards are balanced); empty without history.</summary>
    public async Task<IReadOnlyDictionary<string, double>> MediansMsAsync(RunContext run, string suiteId, CancellationToken cancellationToken)
    {
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_store is not null)
        {
            var read = await _store.ReadMedianPassingDurationsAsync(run.Config.Project, suiteId, BaselinePasses, run.RunId, (name, median) => medians[name] = median.TotalMilliseconds, cancellationToken);
            if (!read.Succeeded)
            {
                medians.Clear();
            }
        }

        return medians;
    }

    /// <summary>Each test's median over its last proven passes (the <c>duration-drop</c> baseline); null with the problem when history could not say.</summary>
    public async Task<(IReadOnlyDictionary<string, TimeSpan>? Medians, string? Problem)> BaselinesAsync(RunContext run, string suiteId, IReadOnlyList<TestCaseResult> cases, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return (null, null);
        }

        // Only this run's tests, keyed by the names the run already holds: the store's copy of each name is dropped as it is read.
        var names = new HashSet<string>(cases.Count, StringComparer.Ordinal);
        foreach (var @case in cases)
        {
            names.Add(@case.FullName);
        }

        var medians = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var read = await _store.ReadMedianPassingDurationsAsync(run.Config.Project, suiteId, BaselinePasses, run.RunId, (name, median) =>
        {
            if (names.TryGetValue(name, out var held))
            {
                medians[held] = median;
            }
        }, cancellationToken);
        return read.Succeeded ? (medians, null) : (null, NotRead(read.Error));
    }

    public async Task<(HistoryFacts? Facts, string? Problem)> FactsAsync(RunContext run, FailureCluster cluster, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return (null, null);
        }

        var facts = await _store.FactsAsync(run.Config.Project, run.RunId, cluster, cancellationToken);
        return (facts.Value, facts.Succeeded ? null : NotRead(facts.Error));
    }

    /// <summary>Flip rates over recent runs per (suite, test), for the tests that passed only on a retry.</summary>
    public async Task<(IReadOnlyDictionary<(string Suite, string Test), double> Rates, string? Problem)> FlipRatesAsync(RunContext run, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            return (new Dictionary<(string, string), double>(), null);
        }

        var rates = await _store.FlipRatesAsync(run.Config.Project, FlipRateRuns, cancellationToken);
        return (rates.Value ?? new Dictionary<(string, string), double>(), rates.Succeeded ? null : NotRead(rates.Error));
    }

    /// <summary>Saves the finished record (already redacted) and says what history gave and kept; null when the host has no history.</summary>
    public async Task<HistoryRecord?> SaveAsync(RunRecord record, IEnumerable<string> problems, int baselines, CancellationToken cancellationToken)
    {
        if (!_configured)
        {
            return null;
        }

        var all = OpenProblems.Concat(problems).ToList();
        var saved = false;
        if (_store is not null)
        {
            var result = await _store.SaveAsync(record, cancellationToken);
            saved = result.Succeeded;
            if (!saved)
            {
                all.Add($"history not saved: {result.Error}");
            }
        }
        else
        {
            all.Add("history not saved: the store could not be opened");
        }

        ResultComparison? comparison = null;
        if (Previous is not null)
        {
            (comparison, var problem) = await RunComparison.CompareAsync(Previous, record, cancellationToken);
            if (problem is not null)
            {
                all.Add($"history not read for the comparison with run {Previous.RunId}: {problem}");
            }
        }

        return new HistoryRecord
        {
            Store = Description,
            Saved = saved,
            Problems = all,
            Previous = PreviousRecord(),
            SkippedRuns = SkippedRuns,
            PreviouslyFailing = PreviouslyFailing,
            Baselines = baselines,
            Comparison = comparison,
        };
    }

    /// <summary>Saves another run's record (already redacted), one this run completed after its Greenlight process was gone; null when the host has no history.</summary>
    public async Task<HistoryRecord?> SaveCompletedAsync(RunRecord record, CancellationToken cancellationToken)
    {
        if (!_configured)
        {
            return null;
        }

        if (_store is null)
        {
            return new HistoryRecord { Store = Description, Problems = [.. OpenProblems, "history not saved: the store could not be opened"] };
        }

        var result = await _store.SaveAsync(record, cancellationToken);
        return new HistoryRecord { Store = Description, Saved = result.Succeeded, Problems = result.Succeeded ? [] : [$"history not saved: {result.Error}"] };
    }

    /// <summary>What history gave the run before it is saved: the outputs written ahead of the save say so.</summary>
    public HistoryRecord? Pending(int baselines) => !_configured ? null : new HistoryRecord
    {
        Store = Description,
        Saved = false,
        Problems = [.. OpenProblems, "history not saved yet: the run's outputs are written first"],
        Previous = PreviousRecord(),
        SkippedRuns = SkippedRuns,
        PreviouslyFailing = PreviouslyFailing,
        Baselines = baselines,
    };

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    private PreviousRunRecord? PreviousRecord() => Previous is not { } previous ? null : new PreviousRunRecord(
        previous.RunId, previous.StartedAt, previous.Verdict, previous.Tests.Count, previous.Tests.Failed,
        [.. previous.Clusters.Select(c => $"{c.Title} ({c.Count})")]);

    private static void Note(List<string> problems, string? error)
    {
        if (error is not null)
        {
            problems.Add(NotRead(error));
        }
    }

    private static string NotRead(string? error) => $"history not read: {error}";
}
