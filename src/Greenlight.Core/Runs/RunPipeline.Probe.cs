using Greenlight.Probes;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>
    /// Probes every service at once (ProbeRunner bounds each probe and turns a crash into an unhealthy result).
    /// A service that did not deploy gets "service not deployed" rows, so the infrastructure table shows it.
    /// </summary>
    /// <param name="only">Probe only these services (a re-probe after a rollback); null for all.</param>
    private async Task ProbeAllAsync(RunState state, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        var started = time.GetTimestamp();
        var urls = new Dictionary<string, Uri>(state.Urls);
        var services = state.Config.Services.Where(s => s.Probes.Count > 0 && (only is null || only.Contains(s.Name))).ToList();
        foreach (var service in services)
        {
            progress.Step("probe", service.Name, $"probing {service.Name} ({service.Probes.Count} probes)", null);
        }

        var results = await new ProbeRunner(stages.Probes, time, redactor).RunAsync(services, urls, cancellationToken);
        var critical = services.ToDictionary(s => s.Name, s => s.Critical);
        foreach (var result in results)
        {
            state.ProbeResults.Add(result);
            progress.Step("probe", result.Service, $"{result.Url}: {(result.Healthy ? "healthy" : "UNHEALTHY")} {redactor.Redact(result.Detail)}", result.Healthy);
            state.Probes.Add(new ProbeRecord
            {
                Service = result.Service,
                Critical = critical[result.Service],
                Kind = result.Kind.ToString().ToLowerInvariant(),
                Url = result.Url,
                Healthy = result.Healthy,
                StatusCode = result.StatusCode,
                CloseCode = result.CloseCode,
                LatencyMs = SuiteEvaluator.Ms(result.Latency),
                Detail = redactor.Redact(result.Detail),
            });
        }

        state.Timings = state.Timings with { ProbeMs = state.Timings.ProbeMs + SuiteEvaluator.Ms(time.GetElapsedTime(started)) };
    }
}
