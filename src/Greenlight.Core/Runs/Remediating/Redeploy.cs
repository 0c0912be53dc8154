using Greenlight.Config;
using Greenlight.Guards;

namespace Greenlight.Runs.Remediating;

/// <summary>Which services a remediation's change makes Greenlight deploy again.</summary>
internal static class Redeploy
{
    /// <summary>
    /// The services whose source changed: a changed file under the folder a local service builds and
    /// runs in, or a remote service's deploy commands run in, plus every service that depends on one of
    /// them (it was given the old URL). Services with only a <c>url</c> are not Greenlight's to redeploy.
    /// </summary>
    public static IReadOnlySet<string> ServicesFor(GreenlightConfig config, string repositoryRoot, IReadOnlyList<ChangedFile> files)
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

    private static bool Deployable(ServiceConfig service) => service.Local is not null || service.Remote?.Deploy is not null;
}
