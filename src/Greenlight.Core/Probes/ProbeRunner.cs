using Greenlight.Config;
using Greenlight.Secrets;
using Greenlight.Stages;

namespace Greenlight.Probes;

/// <summary>
/// Runs every probe of every service at once, each bounded by its own timeout, and returns one
/// result per configured probe in configuration order. A probe that throws is an unhealthy result.
/// </summary>
public sealed class ProbeRunner(IEnumerable<IProbe> probes, TimeProvider time, SecretRedactor redactor)
{
    /// <summary>Extra time over a probe's own timeout before the runner gives up on it.</summary>
    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(2);
    private readonly Dictionary<ProbeKind, IProbe> _byKind = probes.ToDictionary(p => p.Kind);

    /// <summary>The HTTP and WebSocket probes over one shared HttpClient.</summary>
    public static ProbeRunner CreateDefault(HttpClient http, TimeProvider time, SecretRedactor redactor) =>
        new([new HttpProbe(http, time, redactor), new WebSocketProbe(http, time, redactor)], time, redactor);

    /// <param name="serviceUrls">Deployed services; a service missing here (and without a url) gets "not deployed" results.</param>
    public async Task<IReadOnlyList<ProbeResult>> RunAsync(
        IReadOnlyList<ServiceConfig> services, IReadOnlyDictionary<string, Uri> serviceUrls, CancellationToken cancellationToken)
    {
        var runs = new List<Task<ProbeResult>>();
        foreach (var service in services)
        {
            var baseUrl = serviceUrls.TryGetValue(service.Name, out var deployed) ? deployed : service.Url;
            foreach (var probe in service.Probes)
            {
                runs.Add(baseUrl is null
                    ? Task.FromResult(Unhealthy(service.Name, probe, probe.Target, "service not deployed"))
                    : RunOneAsync(probe, new ProbeTarget(service.Name, baseUrl, serviceUrls), cancellationToken));
            }
        }

        return await Task.WhenAll(runs).ConfigureAwait(false);
    }

    private async Task<ProbeResult> RunOneAsync(ProbeConfig probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        if (!_byKind.TryGetValue(probe.Kind, out var implementation))
        {
            return Unhealthy(target.Service, probe, probe.Target, $"no probe registered for kind {probe.Kind}");
        }

        using var backstop = new CancellationTokenSource(probe.Timeout + Backstop, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, backstop.Token);
        try
        {
            // Yield first so one probe's synchronous start never delays the others.
            await Task.Yield();
            return await implementation.ProbeAsync(probe, target, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unhealthy(target.Service, probe, probe.Target, $"no answer within {ProbeText.Seconds(probe.Timeout)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Unhealthy(target.Service, probe, probe.Target, redactor.Redact($"probe failed: {e.GetType().Name}: {e.Message}"));
        }
    }

    private ProbeResult Unhealthy(string service, ProbeConfig probe, string url, string detail) => new()
    {
        Service = service,
        Kind = probe.Kind,
        Url = url,
        Healthy = false,
        Detail = detail,
        At = time.GetUtcNow(),
    };
}
