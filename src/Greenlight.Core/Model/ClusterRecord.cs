namespace Greenlight.Model;

/// <summary>One root-cause cluster as run.json keeps it: the symptom, the evidence behind it, and its worklog entry.</summary>
public sealed record ClusterRecord
{
    /// <summary>The normalised signature key: equal keys are one cause, across runs.</summary>
    public required string Signature { get; init; }
    public required string Title { get; init; }
    public int Count { get; init; }
    public IReadOnlyList<string> Suites { get; init; } = [];
    public IReadOnlyList<string> Tests { get; init; } = [];
    public IReadOnlyList<string> Phases { get; init; } = [];
    public IReadOnlyList<string> Messages { get; init; } = [];
    public IReadOnlyList<string> Services { get; init; } = [];
    /// <summary>"backend restarted 2.0 s before the first failure".</summary>
    public string? PrecedingDeploy { get; init; }
    /// <summary>Server-side log lines, most explanatory first.</summary>
    public IReadOnlyList<EvidenceLineRecord> Evidence { get; init; } = [];
    /// <summary>Failing exchanges the recording proxy saw for these tests (request line, status, the body's error text or close reason), the cluster's own first.</summary>
    public IReadOnlyList<string> TrafficFaults { get; init; } = [];
    /// <summary>What changed in the cluster's services since their last good builds (build hash, git commit, env hash, files in the service's folder).</summary>
    public IReadOnlyList<ServiceChangeRecord> Changes { get; init; } = [];
    public IReadOnlyList<string> Problems { get; init; } = [];
    /// <summary>The rendered, numbered "Root causes" entry, so <c>greenlight report</c> shows the same text.</summary>
    public string Markdown { get; init; } = "";
}

public sealed record EvidenceLineRecord(string Service, DateTimeOffset? At, string Level, string Text, int Occurrences, IReadOnlyList<string> Why);
