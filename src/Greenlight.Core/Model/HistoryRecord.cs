namespace Greenlight.Model;

/// <summary>What the run took from and left in the history store, for run.json and the worklog.</summary>
public sealed record HistoryRecord
{
    /// <summary>The store, e.g. "sqlite /repo/.greenlight/history.db"; null when it could not be opened.</summary>
    public string? Store { get; init; }
    public bool Saved { get; init; }
    /// <summary>"history not saved: …", "history not read: …": why the history part is incomplete.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    /// <summary>The run this one continues from (the latest earlier run of the project in which tests ran).</summary>
    public PreviousRunRecord? Previous { get; init; }
    /// <summary>Later runs passed over as the last run because no tests ran in them: "run X skipped: BLOCKED, no tests ran", newest first.</summary>
    public IReadOnlyList<string> SkippedRuns { get; init; } = [];
    /// <summary>Tests that failed last time they ran; the runners here cannot reorder inside a suite, so this is recorded, not applied.</summary>
    public IReadOnlyList<string> PreviouslyFailing { get; init; } = [];
    /// <summary>Tests that had a duration-drop baseline (a median of earlier proven passes).</summary>
    public int Baselines { get; init; }
    /// <summary>This run against the previous one; null without a previous run.</summary>
    public ResultComparison? Comparison { get; init; }
}

/// <summary>The last earlier run that ran tests, which this one is compared with.</summary>
public sealed record PreviousRunRecord(string RunId, DateTimeOffset StartedAt, string Verdict, int Tests, int Failed, IReadOnlyList<string> OpenClusters);
