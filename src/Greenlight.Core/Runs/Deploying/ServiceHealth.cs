using Greenlight.Model;

namespace Greenlight.Runs.Deploying;

/// <summary>Whether a service is down now, and why: its deploy failure or its failing probes.</summary>
internal static class ServiceHealth
{
    public static List<string> Evidence(Deployment deployment, IReadOnlyList<ProbeRecord> probes, string service)
    {
        var evidence = deployment.Services.Where(s => s.Name == service && !s.Deployed).Select(s => $"deploy failed: {s.Failure}").ToList();
        evidence.AddRange(probes.Where(p => p.Service == service && !p.Healthy).Select(p => $"{p.Url}: {p.Detail}"));
        return evidence;
    }

    /// <summary>A critical service that did not deploy or answer its probes, or a rollback that blocks the tests.</summary>
    public static bool Blocked(Deployment deployment, IReadOnlyList<ProbeRecord> probes, IReadOnlyList<string> blockedBy) =>
        blockedBy.Count > 0 || deployment.Services.Any(s => s.Critical && !s.Deployed) || probes.Any(p => p.Critical && !p.Healthy);
}
