using Greenlight.Model;
using Greenlight.Runs.Analysing;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Gating;
using Greenlight.Runs.Probing;
using Greenlight.Runs.Testing;

namespace Greenlight.Runs;

/// <summary>
/// What one iteration's stages returned, each stage's result as it came: the facts its record and
/// verdict are computed from (<see cref="RunRecords"/>, <see cref="IterationRecords"/>).
/// </summary>
internal sealed record IterationResult
{
    public required int Number { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public long DurationMs { get; init; }
    /// <summary>The services as they run at the end of the iteration.</summary>
    public required Deployment Deployment { get; init; }
    public GateStageResult Gates { get; init; } = new([], [], null);
    /// <summary>Services (re)deployed in this iteration; the others kept running from an earlier one.</summary>
    public IReadOnlyList<string> Deployed { get; init; } = [];
    public long DeployMs { get; init; }
    /// <summary>What Greenlight did besides the stages' work that a person should know (processes reaped from a killed run).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    public ProbeStageResult Probes { get; init; } = ProbeStageResult.None;
    public IReadOnlyList<RollbackRecord> Rollbacks { get; init; } = [];
    public IReadOnlyDictionary<string, ReplacedRevision> Replaced { get; init; } = new Dictionary<string, ReplacedRevision>();
    /// <summary>Why the iteration is BLOCKED although every service answers (a rollback restored it and tests were not run).</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];
    public IReadOnlyList<LogExcerpt> LogExcerpts { get; init; } = [];
    /// <summary>Every command the iteration ran, in order (gates, builds, starts, rollbacks, tests).</summary>
    public IReadOnlyList<CommandRecord> Commands { get; init; } = [];
    public TestStageResult Tests { get; init; } = TestStageResult.None;
    /// <summary>Every planned suite and phase: those that ran, and the others marked not run with the reason.</summary>
    public IReadOnlyList<SuiteRecord> Suites { get; init; } = [];
    public IReadOnlyList<PhaseRecord> Phases { get; init; } = [];
    public AnalysisResult Analysis { get; init; } = AnalysisResult.None;
    /// <summary>What the recording proxies saw during a shard's iteration (it reports it, so finish can analyse the merged run); empty for a whole run.</summary>
    public IReadOnlyList<Model.TrafficRecord> Traffic { get; init; } = [];
    /// <summary>Ctrl+C or an unexpected error ended the iteration early.</summary>
    public StageStop? Stop { get; init; }
    /// <summary>A failure beside the stages' own (analysis, stopping a proxy): never fatal, always shown.</summary>
    public string? Error { get; init; }

    /// <summary>The error that ended the iteration early, else the one beside the stages; null when none.</summary>
    public string? FirstError => Stop?.Error ?? Error;

    public TimingsRecord Timings => new() { DeployMs = DeployMs, ProbeMs = Probes.DurationMs, TestsMs = Tests.DurationMs };

    public bool Blocked => ServiceHealth.Blocked(Deployment, Probes.Records, BlockedBy);
}
