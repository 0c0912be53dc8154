using Greenlight.Guards;
using Greenlight.Stages;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>Before a service is deployed again: stop what still runs of it and forget its last record.</summary>
    private async Task StopForRedeployAsync(RunState state, string service, CancellationToken cancellationToken)
    {
        if (state.Services.RemoveAll(s => s.Name == service) == 0)
        {
            return;
        }

        state.Urls.Remove(service);
        state.RolledBack.Remove(service);
        if (stages.Deployer is IServiceStopper stopper)
        {
            progress.Step("deploy", service, $"stopping {service} to redeploy it", null);
            await stopper.StopServiceAsync(service, cancellationToken);
        }
    }

    /// <summary>
    /// The services whose source changed: a changed file under the folder a local service builds and
    /// runs in, or a remote service's deploy commands run in, plus every service that depends on one of
    /// them (it was given the old URL). Services with only a <c>url</c> are not Greenlight's to redeploy.
    /// </summary>
    internal static IReadOnlySet<string> ServicesToRedeploy(Config.GreenlightConfig config, string repositoryRoot, IReadOnlyList<ChangedFile> files)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var paths = files.SelectMany(f => new[] { f.Path, f.OldPath }).Distinct(StringComparer.Ordinal).ToList();
        foreach (var service in config.Services.Where(Deployable))
        {
            var folder = Path.GetRelativePath(repositoryRoot, service.Local?.WorkingDirectory ?? service.Remote!.WorkingDirectory).Replace('\\', '/');
            if (paths.Any(p => folder == "." || p.StartsWith(folder + "/", StringComparison.Ordinal)))
            {
                changed.Add(service.Name);
            }
        }

        bool added;
        do
        {
            added = false;
            foreach (var service in config.Services.Where(s => Deployable(s) && !changed.Contains(s.Name) && s.DependsOn.Any(changed.Contains)))
            {
                added |= changed.Add(service.Name);
            }
        }
        while (added);
        return changed;
    }

    private static bool Deployable(Config.ServiceConfig service) => service.Local is not null || service.Remote?.Deploy is not null;
}
