using Greenlight.Config;
using Greenlight.Stages;

namespace Greenlight.Runs;

/// <summary>The stage implementations a host provides, chosen by name (<c>runner: pytest</c>) or kind (<c>http:</c>).</summary>
public sealed class StageRegistry(IDeployer? deployer, IEnumerable<IProbe> probes, IEnumerable<ITestRunner> runners, IServiceProxyFactory? proxies = null, History.IRunHistoryFactory? history = null, Tracking.IRunTrackerFactory? trackers = null, IRollbackDeployer? remoteDeployer = null)
{
    private readonly Dictionary<ProbeKind, IProbe> _probes = probes.ToDictionary(p => p.Kind);
    private readonly Dictionary<string, ITestRunner> _runners = runners.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IDeployer? Deployer { get; } = deployer;

    /// <summary>Deploys and rolls back <c>remote:</c> services through the user's own commands; null when this host has none.</summary>
    public IRollbackDeployer? RemoteDeployer { get; } = remoteDeployer;

    /// <summary>Recording proxies for proof; null runs tests straight against the services (no traffic evidence).</summary>
    public IServiceProxyFactory? Proxies { get; } = proxies;

    /// <summary>The history store (<c>history:</c>); null runs without memory of earlier runs.</summary>
    public History.IRunHistoryFactory? History { get; } = history;

    /// <summary>Trackers for <c>tracking:</c> (GitHub issue, folder); null publishes nothing.</summary>
    public Tracking.IRunTrackerFactory? Trackers { get; } = trackers;

    public IReadOnlyList<IProbe> Probes => [.. _probes.Values];

    public IProbe? Probe(ProbeKind kind) => _probes.GetValueOrDefault(kind);

    public ITestRunner? Runner(string name) => _runners.GetValueOrDefault(name);

    /// <summary>What this host cannot do for <paramref name="config"/>: one message per missing implementation.</summary>
    public IReadOnlyList<string> Missing(GreenlightConfig config, IEnumerable<SuiteConfig> suites)
    {
        var missing = new List<string>();
        if (Deployer is null && config.Services.Any(s => s.Local is not null))
        {
            missing.Add("no deployer for local services is available in this build");
        }

        if (RemoteDeployer is null && config.Services.Any(s => s.Remote is not null))
        {
            missing.Add("no deployer for remote services is available in this build");
        }

        missing.AddRange(config.Services.SelectMany(s => s.Probes).Select(p => p.Kind).Distinct()
            .Where(kind => Probe(kind) is null)
            .Select(kind => $"no {kind.ToString().ToLowerInvariant()} probe is available in this build"));
        missing.AddRange(suites.Select(s => s.Runner).Distinct()
            .Where(name => Runner(name) is null)
            .Select(name => $"runner '{name}' is not available in this build"));
        return missing;
    }
}
