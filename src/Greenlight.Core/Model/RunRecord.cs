namespace Greenlight.Model;

/// <summary>
/// Everything one run recorded, saved as <c>run.json</c> and rendered as <c>worklog.md</c>. Stages add
/// facts; the verdict and its reasons are computed from them (the verdict calculator).
/// </summary>
public sealed record RunRecord
{
    public int SchemaVersion { get; init; } = 2;
    public required string RunId { get; init; }
    public required string Project { get; init; }
    public required string ConfigPath { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string Focus { get; init; } = "all";
    public string FocusRationale { get; init; } = "";
    public bool FailFast { get; init; } = true;
    /// <summary>True when Ctrl+C or SIGTERM stopped the run before it finished.</summary>
    public bool Interrupted { get; init; }
    /// <summary>
    /// True when the run's Greenlight process ended without finishing it (killed, crashed, or quit at once
    /// on a second Ctrl+C): this record was completed from what the run left on disk, not by the run.
    /// </summary>
    public bool Aborted { get; init; }
    public Verdict Verdict { get; init; }
    public int ExitCode { get; init; }
    /// <summary>Why the verdict is what it is, one fact per line.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public string NextAction { get; init; } = "";
    public IReadOnlyList<ServiceRecord> Services { get; init; } = [];
    public IReadOnlyDictionary<string, string> Revisions { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ProbeRecord> Probes { get; init; } = [];
    public IReadOnlyList<PhaseRecord> Phases { get; init; } = [];
    public IReadOnlyList<SuiteRecord> Suites { get; init; } = [];
    public IReadOnlyList<TestRecord> Tests { get; init; } = [];
    public IReadOnlyList<CommandRecord> Commands { get; init; } = [];
    /// <summary>Every progress step of the run with its time (the worklog's timeline, run.json's <c>timeline</c>).</summary>
    public IReadOnlyList<TrailStep> Timeline { get; init; } = [];
    public IReadOnlyList<LogExcerpt> LogExcerpts { get; init; } = [];
    public TimingsRecord Timings { get; init; } = new();
    /// <summary>An unexpected error that ended the run, for people; null normally.</summary>
    public string? Error { get; init; }
    /// <summary>Pre-deploy gates of the last iteration.</summary>
    public IReadOnlyList<GateRecord> Gates { get; init; } = [];
    /// <summary>Rollbacks done in the last iteration.</summary>
    public IReadOnlyList<RollbackRecord> Rollbacks { get; init; } = [];
    /// <summary>Why the run is BLOCKED although every service now answers (a rollback restored it and tests were not run).</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];
    /// <summary>Every iteration of the loop; the fields above describe the last one.</summary>
    public IReadOnlyList<IterationRecord> Iterations { get; init; } = [];
    /// <summary>Why the loop ended (<see cref="StopReasons"/>), and in words.</summary>
    public string? StopReason { get; init; }
    public string? StopDetail { get; init; }
    /// <summary>True for <c>--analysis-only</c>: any change to tracked files by remediation ends the run.</summary>
    public bool AnalysisOnly { get; init; }
    /// <summary>Failures grouped by root cause, largest first, each with its evidence chain.</summary>
    public IReadOnlyList<ClusterRecord> Clusters { get; init; } = [];
    /// <summary>What history gave this run and whether it was saved; null when the run never got that far.</summary>
    public HistoryRecord? History { get; init; }
    /// <summary>What Greenlight did or ignored that a person should know: processes reaped from a killed run, secrets too short to mask.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>What the tracker (<c>tracking:</c>) did with this run; null when none is configured.</summary>
    public TrackingRecord? Tracking { get; init; }
}

public sealed record ServiceRecord
{
    public required string Name { get; init; }
    public bool Critical { get; init; } = true;
    public string? Url { get; init; }
    public bool Deployed { get; init; }
    public string? Revision { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public long BuildMs { get; init; }
    public long StartMs { get; init; }
    public string? Log { get; init; }
    public string? Failure { get; init; }
    /// <summary>The service stopped during the run without Greenlight stopping it; null while it runs (or was stopped by Greenlight).</summary>
    public ServiceExitRecord? Exit { get; init; }
}

/// <summary>
/// A service that stopped during the run on its own: its process ended (an exit code or a signal), or,
/// for a service Greenlight did not start, it stopped answering its probes after the tests had failures.
/// </summary>
public sealed record ServiceExitRecord
{
    public required string Service { get; init; }
    /// <summary>When its process ended; for a service that stopped answering, when the re-probe found it down.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>"killed by SIGKILL (exit 137)", "exited with 3", "stopped answering: …".</summary>
    public required string Description { get; init; }
    public int? ExitCode { get; init; }
    /// <summary>"SIGKILL", "SIGTERM", … when the exit code says a signal ended it (128 + n).</summary>
    public string? Signal { get; init; }
    /// <summary>Its last output lines (redacted), or the probe's answer for a service that stopped answering.</summary>
    public IReadOnlyList<string> LastLines { get; init; } = [];
}

public sealed record ProbeRecord
{
    public required string Service { get; init; }
    public bool Critical { get; init; } = true;
    /// <summary>"http" or "websocket".</summary>
    public required string Kind { get; init; }
    public required string Url { get; init; }
    public bool Healthy { get; init; }
    public int? StatusCode { get; init; }
    public int? CloseCode { get; init; }
    public long LatencyMs { get; init; }
    public string Detail { get; init; } = "";
}

/// <summary>How a phase or suite ended against its pass criterion.</summary>
public enum StageOutcome
{
    Passed,
    Failed,
    Unproven,
    NotRun,
}

public sealed record PhaseRecord
{
    /// <summary>"P1" .. "P6".</summary>
    public required string Priority { get; init; }
    public required IReadOnlyList<string> Suites { get; init; }
    public StageOutcome Outcome { get; init; }
    public int Tests { get; init; }
    public int Failed { get; init; }
    public double FailureRate { get; init; }
    public double MaxFailureRate { get; init; }
    public string? Impact { get; init; }
}

public sealed record SuiteRecord
{
    public required string Id { get; init; }
    public required string Priority { get; init; }
    public string? Category { get; init; }
    public string? Impact { get; init; }
    public required string Runner { get; init; }
    public double MaxFailureRate { get; init; }
    public StageOutcome Outcome { get; init; }
    public string? Command { get; init; }
    public int? ExitCode { get; init; }
    public bool TimedOut { get; init; }
    public bool CollectionFailed { get; init; }
    /// <summary>Requests the recording proxies saw while the suite ran; null when no proxy recorded.</summary>
    public int? Requests { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public long DurationMs { get; init; }
    public int Total { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Errors { get; init; }
    public int Skipped { get; init; }
    public IReadOnlyList<string> Problems { get; init; } = [];
    public string? Output { get; init; }
    public IReadOnlyList<string> ResultFiles { get; init; } = [];
    /// <summary>Suite-level proof codes (<c>no-tests</c>, <c>collection-error</c>).</summary>
    public IReadOnlyList<string> ProofReasons { get; init; } = [];
    public IReadOnlyList<string> ProofEvidence { get; init; } = [];
    /// <summary>Disabled rules with reasons, rules that could not be evaluated and why.</summary>
    public IReadOnlyList<string> ProofNotes { get; init; } = [];
}

/// <remarks>
/// A run holds one for each test to its end (a million in a large suite), so it is kept small: the
/// fields a proven pass leaves at their defaults (message, stack, start time, history median, retries)
/// share one reference, null when all are at their defaults.
/// </remarks>
public sealed record TestRecord
{
    private readonly Rare? _rare;

    public required string Suite { get; init; }
    public required string Name { get; init; }
    public required TestOutcome Outcome { get; init; }
    public long DurationMs { get; init; }
    public bool Proven { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public int Requests { get; init; }
    /// <summary>How closely traffic is tied to this test: request, window, suite or none (<see cref="ProofLevel"/>).</summary>
    public string? ProofLevel { get; init; }
    /// <summary>"code: evidence" lines behind <see cref="Reasons"/>, for people.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public string? Message
    {
        get => _rare?.Message;
        init => _rare = Rare.With(_rare, r => r with { Message = value });
    }

    /// <summary>The runner's stack trace of a failure, when its result file carries one.</summary>
    public string? StackTrace
    {
        get => _rare?.StackTrace;
        init => _rare = Rare.With(_rare, r => r with { StackTrace = value });
    }

    /// <summary>When the test started, when the runner's result file says (ties the proxy's traffic to it in report.html).</summary>
    public DateTimeOffset? StartedAt
    {
        get => _rare?.StartedAt;
        init => _rare = Rare.With(_rare, r => r with { StartedAt = value });
    }

    /// <summary>Median duration of this test's recent proven passes in history (the duration-drop baseline), when history has one.</summary>
    public long? HistoryMedianMs
    {
        get => _rare?.HistoryMedianMs;
        init => _rare = Rare.With(_rare, r => r with { HistoryMedianMs = value });
    }

    /// <summary>Runs of this test: 1, plus its retries under <c>loop.retry_failed</c>.</summary>
    public int Attempts
    {
        get => _rare?.Attempts ?? 1;
        init => _rare = Rare.With(_rare, r => r with { Attempts = value });
    }

    /// <summary>Failed first and passed on a retry: still counted as failed (never green).</summary>
    public bool Flaky
    {
        get => _rare?.Flaky ?? false;
        init => _rare = Rare.With(_rare, r => r with { Flaky = value });
    }

    /// <summary>Pass/fail flip rate over recent runs (history), shown for flaky tests.</summary>
    public double? FlipRate
    {
        get => _rare?.FlipRate;
        init => _rare = Rare.With(_rare, r => r with { FlipRate = value });
    }

    /// <summary>The fields most tests leave at their defaults; compared by value, so two equal records stay equal.</summary>
    private sealed record Rare
    {
        private static readonly Rare Default = new();

        public string? Message { get; init; }
        public string? StackTrace { get; init; }
        public DateTimeOffset? StartedAt { get; init; }
        public long? HistoryMedianMs { get; init; }
        public int Attempts { get; init; } = 1;
        public bool Flaky { get; init; }
        public double? FlipRate { get; init; }

        public static Rare? With(Rare? rare, Func<Rare, Rare> change)
        {
            var changed = change(rare ?? Default);
            return changed == Default ? null : changed;
        }
    }
}

/// <summary>One command Greenlight ran: a build, a service start, a test run.</summary>
public sealed record CommandRecord
{
    /// <summary>"gate", "build", "start", "rollback", "test" or "remediate".</summary>
    public required string Kind { get; init; }
    /// <summary>The service or suite it was for.</summary>
    public required string Subject { get; init; }
    public required string CommandLine { get; init; }
    public long DurationMs { get; init; }
    public int? ExitCode { get; init; }
    public string Summary { get; init; } = "";
    /// <summary>The loop iteration it ran in (1-based).</summary>
    public int Iteration { get; init; } = 1;
}

/// <summary>The last lines of a service's log, kept when the service is why the run failed.</summary>
public sealed record LogExcerpt(string Service, string Path, IReadOnlyList<string> Lines);

public sealed record TimingsRecord
{
    public long DeployMs { get; init; }
    public long ProbeMs { get; init; }
    public long TestsMs { get; init; }
    public long TotalMs { get; init; }
}
