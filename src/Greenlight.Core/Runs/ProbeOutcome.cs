using Greenlight.Model;

namespace Greenlight.Runs;

/// <summary>The infrastructure right now: deployed services and probe results, or configuration errors.</summary>
public sealed record ProbeOutcome(
    IReadOnlyList<ServiceRecord> Services,
    IReadOnlyList<ProbeRecord> Probes,
    IReadOnlyList<LogExcerpt> LogExcerpts,
    string? Directory,
    IReadOnlyList<string> ConfigErrors)
{
    /// <summary>0 when every critical service is up, 4 (BLOCKED) otherwise, 2 for configuration errors.</summary>
    public int ExitCode => ConfigErrors.Count > 0 ? (int)Verdict.ConfigError
        : Services.Any(s => s.Critical && !s.Deployed) || Probes.Any(p => p.Critical && !p.Healthy) ? (int)Verdict.Blocked
        : (int)Verdict.Green;
}
