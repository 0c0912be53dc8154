using Greenlight.Model;

namespace Greenlight.Runs.Deploying;

/// <summary>The last lines of a service's log, kept when the service is why the run could not test.</summary>
internal static class LogExcerpts
{
    private const int Lines = 20;

    public static async Task<LogExcerpt?> ReadAsync(RunContext run, string service, string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(path, CancellationToken.None);
        return new LogExcerpt(service, run.Relative(path), [.. lines.Where(l => l.Trim().Length > 0).TakeLast(Lines)]);
    }

    /// <summary>One excerpt for each critical service that is down and has none yet.</summary>
    public static async Task<IReadOnlyList<LogExcerpt>> ForDownServicesAsync(RunContext run, Deployment deployment, IReadOnlyList<ProbeRecord> probes, IReadOnlyList<LogExcerpt> existing)
    {
        var excerpts = existing.ToList();
        var down = deployment.Services.Where(s => s.Critical && !s.Deployed).Select(s => s.Name)
            .Concat(probes.Where(p => p.Critical && !p.Healthy).Select(p => p.Service))
            .Distinct()
            .Where(name => excerpts.All(e => e.Service != name)).ToList();
        foreach (var name in down)
        {
            if (deployment.LogPaths.TryGetValue(name, out var path) && await ReadAsync(run, name, path) is { } excerpt)
            {
                excerpts.Add(excerpt);
            }
        }

        return excerpts;
    }

    /// <summary>One excerpt for each service that stopped during the run and has none yet.</summary>
    public static async Task<IReadOnlyList<LogExcerpt>> ForExitedServicesAsync(RunContext run, Deployment deployment, IReadOnlyList<LogExcerpt> existing)
    {
        var excerpts = existing.ToList();
        foreach (var service in deployment.Services.Where(s => s.Exit is not null && excerpts.All(e => e.Service != s.Name)))
        {
            if (deployment.LogPaths.TryGetValue(service.Name, out var path) && await ReadAsync(run, service.Name, path) is { } excerpt)
            {
                excerpts.Add(excerpt);
            }
        }

        return excerpts;
    }
}
