using Greenlight.Traffic;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private static readonly TimeSpan ProxyIdleTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One recording proxy per reachable service, all writing <c>traffic.jsonl</c>. Probes already ran
    /// straight against the services; from here tests see only the proxy addresses.
    /// </summary>
    private async Task StartProxiesAsync(RunState state, CancellationToken cancellationToken)
    {
        if (stages.Proxies is not { } factory)
        {
            return;
        }

        state.Traffic = new TrafficLog(Path.Combine(state.WorkDirectory, "traffic.jsonl"));
        foreach (var (service, url) in state.Urls)
        {
            var proxy = await factory.StartAsync(service, url, state.Traffic, cancellationToken);
            state.Proxies.Add(proxy);
            progress.Step("proxy", service, $"recording {service} at {proxy.Url} → {url}", true);
        }
    }

    /// <summary>The URLs tests get: each service's proxy, or the service itself when none runs.</summary>
    private static Dictionary<string, Uri> TestUrls(RunState state)
    {
        var urls = new Dictionary<string, Uri>(state.Urls, StringComparer.Ordinal);
        foreach (var proxy in state.Proxies)
        {
            urls[proxy.Service] = proxy.Url;
        }

        return urls;
    }

    private static async Task WaitForProxiesAsync(RunState state, CancellationToken cancellationToken)
    {
        foreach (var proxy in state.Proxies)
        {
            await proxy.WaitForIdleAsync(ProxyIdleTimeout, cancellationToken);
        }
    }

    private async Task StopProxiesAsync(RunState state)
    {
        foreach (var proxy in state.Proxies)
        {
            try
            {
                await proxy.DisposeAsync();
            }
#pragma warning disable CA1031 // A proxy that fails to stop must not keep services running or lose the outputs.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                state.Error ??= redactor.Redact($"stopping the {proxy.Service} proxy failed: {ex.Message}");
            }
        }

        state.Proxies.Clear();
        state.Traffic?.Dispose();
    }
}
