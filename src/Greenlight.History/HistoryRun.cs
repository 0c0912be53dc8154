namespace Greenlight.History;

/// <summary>
/// What the history keeps of one run. The orchestrator maps its own run record onto this;
/// saving the same <see cref="Id"/> again replaces the earlier copy (save after each iteration).
/// </summary>
public sealed record HistoryRun
{
    public required string Id { get; init; }
    public required string Project { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    /// <summary>GREEN, RED, UNPROVEN, BLOCKED, or RUNNING while the run is still going.</summary>
    public required string Verdict { get; init; }
    public string Focus { get; init; } = "all";
    public IReadOnlyList<HistoryIteration> Iterations { get; init; } = [];
}

public sealed record HistoryIteration
{
    public required int Number { get; init; }
    public required DateTimeOffset Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    public string? Verdict { get; init; }
    public IReadOnlyList<HistoryRevision> Revisions { get; init; } = [];
    public IReadOnlyList<HistoryProbe> Probes { get; init; } = [];
    public IReadOnlyList<HistoryTest> Tests { get; init; } = [];
    public IReadOnlyList<HistoryCluster> Clusters { get; init; } = [];
    /// <summary>Requests the recording proxies saw during each suite (suites that recorded).</summary>
    public IReadOnlyDictionary<string, int> SuiteRequests { get; init; } = new Dictionary<string, int>();
}

public sealed record HistoryRevision(string Service, string? Revision, DateTimeOffset? DeployedAt);

public sealed record HistoryProbe
{
    public required string Service { get; init; }
    public required string Kind { get; init; }
    public required string Url { get; init; }
    public required bool Healthy { get; init; }
    public int? Status { get; init; }
    public int? CloseCode { get; init; }
    public double LatencyMs { get; init; }
    public string Detail { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <param name="Outcome">passed, failed, error or skipped (the run.json words).</param>
/// <param name="Reasons">Proof reason codes (ProofReason), empty when proven.</param>
/// <param name="Flaky">Failed first and passed on a retry (loop.retry_failed).</param>
public sealed record HistoryTest(
    string Suite,
    string Name,
    string Phase,
    string Outcome,
    double DurationMs,
    bool Proven,
    IReadOnlyList<string> Reasons,
    string? Message = null,
    DateTimeOffset? Started = null,
    int Attempts = 1,
    bool Flaky = false);

/// <summary>What the comparison with a later run needs of a test: its key and how it ended.</summary>
public readonly record struct HistoryTestStatus(string Suite, string Name, string Outcome, bool Proven, bool Flaky);

public sealed record HistoryCluster(
    string Signature,
    string Title,
    int Count,
    DateTimeOffset? FirstFailure,
    IReadOnlyList<HistoryEvidenceLine> Evidence);

public sealed record HistoryEvidenceLine(int Rank, string Service, DateTimeOffset? At, string Level, string Text);
