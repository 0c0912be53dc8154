using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Evidence;

/// <summary>A deploy, restart, rollback or stop of a service, from deploy results, the exit watch or the service's own log.</summary>
/// <param name="Kind">"deployed", "restarted", "rolled back" or "stopped (killed by SIGKILL, exit code 137)".</param>
public sealed record DeployEvent(string Service, DateTimeOffset At, string Kind, string? Revision = null);

/// <summary>What history knows about a cluster; filled from IHistoryStore by the orchestrator.</summary>
/// <param name="TestsLastPassed">Per failing test, when it last passed (null: never, in history).</param>
public sealed record HistoryFacts(
    DateTimeOffset? SignatureLastSeen,
    string? SignatureLastSeenRun,
    int SignatureRunsSeen,
    IReadOnlyDictionary<string, DateTimeOffset?> TestsLastPassed);

/// <summary>The facts behind one cluster, in the order of a "five whys".</summary>
public sealed record EvidenceChain
{
    public required FailureCluster Cluster { get; init; }
    /// <summary>Business impact of the suites involved (from config), for the symptom line.</summary>
    public string? Impact { get; init; }
    public required IReadOnlyList<string> Services { get; init; }
    /// <summary>Merged failure windows (± margin) the logs were read for.</summary>
    public required IReadOnlyList<LogWindow> Windows { get; init; }
    /// <summary>Most explanatory first.</summary>
    public required IReadOnlyList<RankedLogEntry> Lines { get; init; }
    public DeployEvent? PrecedingDeploy { get; init; }
    /// <summary>How long before the first failure the preceding deploy or restart happened.</summary>
    public TimeSpan? DeployLead { get; init; }
    public HistoryFacts? History { get; init; }
    /// <summary>Log sources that could not be read, windows that could not be found: reported, not fatal.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>"backend restarted 2.1 s before the first failure".</summary>
    public string? DeploySentence => PrecedingDeploy is { } d && DeployLead is { } lead
        ? $"{d.Service} {d.Kind}{(d.Revision is null ? "" : $" ({d.Revision})")} {Durations.Describe(lead)} before the first failure"
        : null;
}
