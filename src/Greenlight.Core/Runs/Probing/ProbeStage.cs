using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Probes;
using Greenlight.Secrets;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Probing;

/// <summary>The probe rows the worklog shows, the results with their times (for proof and analysis), and how long probing took.</summary>
internal sealed record ProbeStageResult(IReadOnlyList<ProbeRecord> Records, IReadOnlyList<ProbeResult> Results, long DurationMs)
{
    public static ProbeStageResult None { get; } = new([], [], 0);

    /// <summary>These probes with <paramref name="service"/>'s rows replaced by a fresh probe of it (after a rollback).</summary>
    public ProbeStageResult Replace(string service, ProbeStageResult fresh) => new(
        [.. Records.Where(p => p.Service != service), .. fresh.Records],
        [.. Results.Where(p => p.Service != service), .. fresh.Results],
        DurationMs + fresh.DurationMs);
}

/// <summary>
/// Probes every service at once (the probe runner bounds each probe and turns a crash into an unhealthy
/// result). A service that did not deploy gets "service not deployed" rows, so the table shows it.
/// </summary>
internal sealed class ProbeStage(StageRegistry stages, TimeProvider time, SecretRedactor redactor, IRunProgress progress)
{
    /// <param name="only">Probe only these services (a re-probe after a rollback); null for all.</param>
    public async Task<ProbeStageResult> ProbeAsync(GreenlightConfig config, Deployment deployment, IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var services = config.Services.Where(s => s.Probes.Count > 0 && (only is null || only.Contains(s.Name))).ToList();
        foreach (var service in services)
        {
            progress.Step("probe", service.Name, $"probing {service.Name} ({service.Probes.Count} probes)", null);
        }

        var results = await new ProbeRunner(stages.Probes, time, redactor).RunAsync(services, deployment.Urls, cancellationToken);
        var critical = services.ToDictionary(s => s.Name, s => s.Critical);
        foreach (var result in results)
        {
            progress.Step("probe", result.Service, $"{result.Url}: {(result.Healthy ? "healthy" : "UNHEALTHY")} {result.Detail}", result.Healthy);
        }

        return new(
            [.. results.Select(r => new ProbeRecord
            {
                Service = r.Service,
                Critical = critical[r.Service],
                Kind = r.Kind.ToString().ToLowerInvariant(),
                Url = r.Url,
                Healthy = r.Healthy,
                StatusCode = r.StatusCode,
                CloseCode = r.CloseCode,
                LatencyMs = SuiteEvaluator.Ms(r.Latency),
                Detail = r.Detail,
            })],
            results,
            SuiteEvaluator.Ms(time.GetElapsedTime(started)));
    }
}
