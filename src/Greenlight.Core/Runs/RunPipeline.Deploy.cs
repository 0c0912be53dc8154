using Greenlight.Config;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private const int LogExcerptLines = 20;

    /// <param name="only">The services to (re)deploy; null for all (the first iteration).</param>
    private async Task DeployAllAsync(RunState state, IReadOnlySet<string>? only, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        foreach (var service in DeployOrder(state.Config.Services))
        {
            if (only is not null && !only.Contains(service.Name))
            {
                continue;
            }

            await StopForRedeployAsync(state, service.Name, cancellationToken);
            state.DeployedThisIteration.Add(service.Name);
            var failedDependency = service.DependsOn.FirstOrDefault(d => state.Services.Any(s => s.Name == d && !s.Deployed));
            if (failedDependency is not null)
            {
                state.Services.Add(new ServiceRecord
                {
                    Name = service.Name, Critical = service.Critical,
                    Failure = $"not started: it depends on '{failedDependency}', which did not deploy",
                });
                continue;
            }

            if (service.Remote is not null)
            {
                await DeployRemoteAsync(state, service, cancellationToken);
                continue;
            }

            if (service.Local is null)
            {
                state.Urls[service.Name] = service.Url!;
                state.Services.Add(new ServiceRecord { Name = service.Name, Critical = service.Critical, Url = service.Url!.ToString(), Deployed = true });
                continue;
            }

            await DeployLocalAsync(state, RuntimePlaceholders.WithUrls(service, state.Urls), cancellationToken);
        }

        state.Timings = state.Timings with { DeployMs = SuiteEvaluator.Ms(time.GetElapsedTime(started)) };
    }

    private async Task DeployLocalAsync(RunState state, ServiceConfig service, CancellationToken cancellationToken)
    {
        var local = service.Local!;
        progress.Step("deploy", service.Name, local.Build is null ? $"starting {service.Name}" : $"building and starting {service.Name}", null);
        var context = new DeployContext(state.WorkDirectory, state.Config.RootDirectory, new Dictionary<string, Uri>(state.Urls));
        var result = await stages.Deployer!.DeployAsync(service, context, cancellationToken);
        if (result.LogPath is not null)
        {
            state.LogPaths[service.Name] = result.LogPath;
        }

        if (result.Succeeded && result.Url is not null)
        {
            state.Urls[service.Name] = result.Url;
        }

        if (local.Build is not null)
        {
            state.Commands.Add(new CommandRecord
            {
                Kind = "build", Subject = service.Name, CommandLine = redactor.Redact(local.Build),
                DurationMs = SuiteEvaluator.Ms(result.BuildDuration),
            });
        }

        var port = result.Url?.Port;
        state.Commands.Add(new CommandRecord
        {
            Kind = "start", Subject = service.Name,
            CommandLine = redactor.Redact(port is { } p ? RuntimePlaceholders.ExpandPort(local.Run, p) : local.Run),
            DurationMs = SuiteEvaluator.Ms(result.StartDuration),
            Summary = redactor.Redact(result.Succeeded ? $"ready at {result.Url}" + (result.ProcessId is { } pid ? $", pid {pid}" : "") : result.Failure ?? "failed"),
        });
        state.Services.Add(new ServiceRecord
        {
            Name = service.Name,
            Critical = service.Critical,
            Url = result.Url?.ToString(),
            Deployed = result.Succeeded,
            Revision = result.Revision is null ? null : result.Revision + EnvironmentRevision(state.Config.Services.First(s => s.Name == service.Name)),
            StartedAt = result.StartedAt,
            BuildMs = SuiteEvaluator.Ms(result.BuildDuration),
            StartMs = SuiteEvaluator.Ms(result.StartDuration),
            Log = result.LogPath is null ? null : Path.GetRelativePath(state.RunDirectory, result.LogPath),
            Failure = result.Failure is null ? null : redactor.Redact(result.Failure),
        });
        progress.Step("deploy", service.Name, result.Succeeded ? $"{service.Name} ready at {result.Url}" : $"{service.Name} failed: {redactor.Redact(result.Failure ?? "")}", result.Succeeded);
    }

    /// <summary>Dependencies first, otherwise declaration order (validation has ruled out cycles).</summary>
    internal static List<ServiceConfig> DeployOrder(IReadOnlyList<ServiceConfig> services)
    {
        var order = new List<ServiceConfig>();
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            Place(service);
        }

        return order;

        void Place(ServiceConfig service)
        {
            if (!placed.Add(service.Name))
            {
                return;
            }

            foreach (var dependency in service.DependsOn.Where(byName.ContainsKey))
            {
                Place(byName[dependency]);
            }

            order.Add(service);
        }
    }

    /// <summary>The last lines of each failing critical service's log, so the worklog shows why it is down.</summary>
    private async Task CollectLogExcerptsAsync(RunState state)
    {
        var down = state.Services.Where(s => s.Critical && !s.Deployed).Select(s => s.Name)
            .Concat(state.Probes.Where(p => p.Critical && !p.Healthy).Select(p => p.Service))
            .Distinct()
            .Where(name => state.LogExcerpts.All(e => e.Service != name));
        foreach (var name in down)
        {
            if (state.LogPaths.TryGetValue(name, out var path))
            {
                await AddLogExcerptAsync(state, name, path);
            }
        }
    }

    private async Task AddLogExcerptAsync(RunState state, string service, string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var lines = await File.ReadAllLinesAsync(path, CancellationToken.None);
        var tail = lines.Where(l => l.Trim().Length > 0).TakeLast(LogExcerptLines).Select(redactor.Redact).ToList();
        state.LogExcerpts.Add(new LogExcerpt(service, Path.GetRelativePath(state.RunDirectory, path), tail));
    }
}
