using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Proof;

/// <summary>Suite-level facts the rules read.</summary>
public sealed record SuiteEvidence
{
    public required string SuiteId { get; init; }

    /// <summary>"pytest", "dotnet", "command"; decides which missing facts mean "could not evaluate".</summary>
    public string? Runner { get; init; }

    public IReadOnlyList<TestCaseResult> Cases { get; init; } = [];

    /// <summary>Items the runner collected, when it says; null when unknown.</summary>
    public int? Collected { get; init; }

    /// <summary>One line per file or module that failed to collect.</summary>
    public IReadOnlyList<string> CollectionErrors { get; init; } = [];

    public IReadOnlyList<ProbeResult> Probes { get; init; } = [];

    public ProofConfig Config { get; init; } = ProofConfig.Default;
}
