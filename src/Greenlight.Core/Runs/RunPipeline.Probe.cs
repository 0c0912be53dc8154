using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>Probes every deployed service at once; a probe never throws for an unhealthy service.</summary>
    private async Task ProbeAllAsync(RunState state, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var urls = new Dictionary<string, Uri>(state.Urls);
        var work = state.Config.Services
            .Where(s => urls.ContainsKey(s.Name))
            .SelectMany(s => s.Probes.Select(p => (Service: s, Probe: p)))
            .Select(async item =>
            {
                progress.Step("probe", item.Service.Name, $"probing {item.Probe.Kind.ToString().ToLowerInvariant()} {item.Probe.Target}", null);
                var result = await stages.Probe(item.Probe.Kind)!.ProbeAsync(
                    item.Probe, new ProbeTarget(item.Service.Name, urls[item.Service.Name], urls), cancellationToken);
                progress.Step("probe", item.Service.Name, $"{result.Url}: {(result.Healthy ? "healthy" : "UNHEALTHY")} {redactor.Redact(result.Detail)}", result.Healthy);
                return new ProbeRecord
                {
                    Service = item.Service.Name,
                    Critical = item.Service.Critical,
                    Kind = item.Probe.Kind.ToString().ToLowerInvariant(),
                    Url = result.Url,
                    Healthy = result.Healthy,
                    StatusCode = result.StatusCode,
                    CloseCode = result.CloseCode,
                    LatencyMs = SuiteEvaluator.Ms(result.Latency),
                    Detail = redactor.Redact(result.Detail),
                };
            });
        state.Probes.AddRange(await Task.WhenAll(work));
        state.Timings = state.Timings with { ProbeMs = SuiteEvaluator.Ms(time.GetElapsedTime(started)) };
    }
}
