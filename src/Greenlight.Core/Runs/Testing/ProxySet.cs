using Greenlight.Stages;
using Greenlight.Traffic;

namespace Greenlight.Runs.Testing;

/// <summary>
/// One recording proxy per reachable service, all writing <c>traffic.jsonl</c>. Probes already ran
/// straight against the services; from here tests see only the proxy addresses.
/// </summary>
internal sealed class ProxySet
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);
    private readonly List<IServiceProxy> _proxies = [];

    private ProxySet(TrafficLog? traffic) => Traffic = traffic;

    /// <summary>What the proxies saw; null when this host runs none (tests then go straight to the services).</summary>
    public TrafficLog? Traffic { get; }

    public static ProxySet None => new(null);

    public static async Task<ProxySet> StartAsync(IServiceProxyFactory? factory, IReadOnlyDictionary<string, Uri> urls, string workDirectory, IRunProgress progress, CancellationToken cancellationToken)
    {
        if (factory is null)
        {
            return None;
        }

        var set = new ProxySet(new TrafficLog(Path.Combine(workDirectory, "traffic.jsonl")));
        try
        {
            foreach (var (service, url) in urls)
            {
                var proxy = await factory.StartAsync(service, url, set.Traffic!, cancellationToken);
                set._proxies.Add(proxy);
                progress.Step("proxy", service, $"recording {service} at {proxy.Url} → {url}", true);
            }
        }
        catch
        {
            await set.StopAsync();
            throw;
        }

        return set;
    }

    /// <summary>The URLs tests get: each service's proxy, or the service itself when none runs.</summary>
    public Dictionary<string, Uri> TestUrls(IReadOnlyDictionary<string, Uri> serviceUrls)
    {
        var urls = new Dictionary<string, Uri>(serviceUrls, StringComparer.Ordinal);
        foreach (var proxy in _proxies)
        {
            urls[proxy.Service] = proxy.Url;
        }

        return urls;
    }

    public IReadOnlyList<Model.TrafficRecord> Snapshot() => Traffic?.Snapshot() ?? [];

    /// <summary>Waits until every exchange in flight is recorded, so a suite's proof sees all of its traffic.</summary>
    public async Task WaitForIdleAsync(CancellationToken cancellationToken)
    {
        foreach (var proxy in _proxies)
        {
            await proxy.WaitForIdleAsync(IdleTimeout, cancellationToken);
        }
    }

    /// <summary>Stops every proxy; returns why one could not be stopped, or null.</summary>
    public async Task<string?> StopAsync()
    {
        string? error = null;
        foreach (var proxy in _proxies)
        {
            try
            {
                await proxy.DisposeAsync();
            }
            catch (Exception ex) when (StageStop.Catches(ex))
            {
                error ??= $"stopping the {proxy.Service} proxy failed: {ex.Message}";
            }
        }

        _proxies.Clear();
        Traffic?.Dispose();
        return error;
    }
}
