using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Evidence;

public sealed record EvidenceRequest
{
    public required FailureCluster Cluster { get; init; }
    /// <summary>Services the failing tests talked to: from proxy records when present, else the suites' configured services.</summary>
    public required IReadOnlyList<string> Services { get; init; }
    /// <summary>Log sources of (at least) those services; several per service are fine.</summary>
    public required IReadOnlyList<ILogSource> LogSources { get; init; }
    public IReadOnlyList<DeployEvent> Deploys { get; init; } = [];
    /// <summary>Added on both sides of each failure's time window.</summary>
    public TimeSpan Margin { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Used when no failure carries a time (e.g. the suite's run window).</summary>
    public LogWindow? FallbackWindow { get; init; }
    public int MaxLines { get; init; } = 10;
    public int MaxEntriesPerWindow { get; init; } = 2000;
    public string? Impact { get; init; }
    public HistoryFacts? History { get; init; }
}
