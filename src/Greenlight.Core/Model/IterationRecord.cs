namespace Greenlight.Model;

/// <summary>
/// One pass of the loop (docs/loop.md): gates, deploy, health, tests, verdict and, after a RED or
/// UNPROVEN pass, the remediation that was handed the evidence bundle.
/// </summary>
public sealed record IterationRecord
{
    public required int Number { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public long DurationMs { get; init; }
    public Verdict Verdict { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    /// <summary>Services (re)deployed in this iteration; the others kept running from an earlier one.</summary>
    public IReadOnlyList<string> Deployed { get; init; } = [];
    public IReadOnlyList<GateRecord> Gates { get; init; } = [];
    public IReadOnlyList<RollbackRecord> Rollbacks { get; init; } = [];
    public IReadOnlyList<ServiceRecord> Services { get; init; } = [];
    public IReadOnlyList<ProbeRecord> Probes { get; init; } = [];
    public IReadOnlyList<SuiteRecord> Suites { get; init; } = [];
    public IReadOnlyList<TestRecord> Tests { get; init; } = [];
    /// <summary>Normalised "suite / test: signature" of every failing test; equal sets mean no progress.</summary>
    public IReadOnlyList<string> Fingerprints { get; init; } = [];
    /// <summary>The evidence bundle written after this iteration, relative to the run folder.</summary>
    public string? Bundle { get; init; }
    public RemediationRecord? Remediation { get; init; }
    /// <summary>Why the loop ended after this iteration (one of <see cref="StopReasons"/>); null when it went on.</summary>
    public string? StopReason { get; init; }
    public string? StopDetail { get; init; }
}

/// <summary>Why a run's loop ended, as run.json and the worklog name it.</summary>
public static class StopReasons
{
    public const string Green = "green";
    public const string Blocked = "blocked";
    public const string Budget = "budget";
    public const string NoRemediation = "no-remediation";
    public const string NoChange = "no-change";
    public const string NoProgress = "no-progress";
    public const string TestTampering = "test-tampering";
    public const string AnalysisOnlyViolation = "analysis-only-violation";
    public const string RemediationFailed = "remediation-failed";
    public const string DirtyTree = "dirty-tree";
    public const string GuardFailed = "guard-failed";
    public const string Interrupted = "interrupted";
    public const string Error = "error";
    /// <summary>The run's Greenlight process ended without finishing the run; the record was completed from its trail.</summary>
    public const string Aborted = "aborted";
}

/// <summary>One pre-deploy gate's result.</summary>
public sealed record GateRecord
{
    public required string Gate { get; init; }
    public bool Passed { get; init; }
    public string Summary { get; init; } = "";
    public long DurationMs { get; init; }
    /// <summary>"file:line: message" for each finding.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];
    /// <summary>The last output lines of a command gate.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public string? Log { get; init; }
}

/// <summary>A critical service put back on its last good revision after a deploy left it unhealthy.</summary>
public sealed record RollbackRecord
{
    public required string Service { get; init; }
    public bool Succeeded { get; init; }
    public string? FromRevision { get; init; }
    public string? ToRevision { get; init; }
    /// <summary>Healthy again after the rollback, by its probes.</summary>
    public bool HealthyAfter { get; init; }
    /// <summary>"rolled back backend from … to …", or why it could not be.</summary>
    public required string Description { get; init; }
    /// <summary>Why the new revision was rolled back: its deploy failure or failing probes.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>The remediation command run after an iteration, and what the guard made of its change.</summary>
public sealed record RemediationRecord
{
    public required string Command { get; init; }
    public int? ExitCode { get; init; }
    public bool TimedOut { get; init; }
    public long DurationMs { get; init; }
    /// <summary>"exited with 0", "timed out after 600s", …</summary>
    public string Result { get; init; } = "";
    /// <summary>The command's output, relative to the run folder.</summary>
    public string? Log { get; init; }
    public IReadOnlyList<string> OutputTail { get; init; } = [];
    /// <summary>no_change, accepted, flagged, rejected, analysis_only_violation; null when the guard could not run.</summary>
    public string? GuardOutcome { get; init; }
    public string GuardReason { get; init; } = "";
    public string DiffStat { get; init; } = "";
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];
    public IReadOnlyList<string> ChangedTestFiles { get; init; } = [];
    /// <summary>Each guard finding: "file:line: code: line text".</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
    /// <summary>False when the guard rejected the change (test tampering) or the command failed.</summary>
    public bool CountsAsFix { get; init; }
    /// <summary>Uncommitted changes already present before remediation (reported, never reset).</summary>
    public IReadOnlyList<string> DirtyBefore { get; init; } = [];
}
