using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Deploying;

/// <summary>
/// Builds running ahead of the deploy, one after another: each service's by name, and when the last has ended.
/// Disposing stops the builds nobody waited for (a dependency failed, the run stopped) and waits for them.
/// </summary>
internal sealed class ServiceBuilds(IReadOnlyDictionary<string, Task<ServiceBuild?>> byService, Task done, CancellationTokenSource cancel) : IAsyncDisposable
{
    public IReadOnlyDictionary<string, Task<ServiceBuild?>> ByService { get; } = byService;

    /// <summary>Completes, never faults, once every build has ended, however it ended.</summary>
    public Task Done { get; } = done;

    /// <summary>A task that completes when <paramref name="task"/> has ended, whatever its outcome.</summary>
    public static Task Settled(Task task) => task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        await cancel.CancelAsync();
        await Done;
        cancel.Dispose();
    }
}

/// <summary>What a deploy left running, the services it (re)deployed and the commands it ran.</summary>
/// <param name="Notes">What the deployer did besides deploying ("reaped 4 processes left by run X …"), for the console and the worklog.</param>
internal sealed record DeployStageResult(Deployment Deployment, IReadOnlyList<string> Deployed, IReadOnlyList<CommandRecord> Commands, IReadOnlyList<string> Notes, long DurationMs, StageStop? Stop);

/// <summary>
/// Builds and starts local services, runs remote services' deploy commands and takes <c>url:</c>
/// services as they are, dependencies first. A later iteration redeploys only <c>only</c>.
/// Builds run one after another ahead of the starts (<see cref="StartBuilds"/>): while a service
/// starts and becomes ready, the next one already builds (a service is only started after the ones
/// it depends on are ready).
/// </summary>
internal sealed class DeployStage(StageRegistry stages, TimeProvider time, IRunProgress progress)
{
    /// <summary>
    /// Starts the builds of the services deployed for the first time, one after another in deploy order;
    /// <see cref="DeployAsync"/> starts each service once its build is done. A service being redeployed
    /// builds after its old process is stopped (a build must not overwrite a running program's files).
    /// </summary>
    /// <param name="only">The services to (re)deploy; null for all (the first iteration).</param>
    public ServiceBuilds StartBuilds(RunContext run, int iteration, Deployment current, IReadOnlySet<string>? only, CancellationToken cancellationToken)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var builds = new Dictionary<string, Task<ServiceBuild?>>(StringComparer.Ordinal);
        Task previous = Task.CompletedTask;
        if (stages.Deployer is { } deployer)
        {
            var first = DeployOrder.Of(run.Config.Services).Where(s => (only is null || only.Contains(s.Name)) && current.Services.All(d => d.Name != s.Name));
            foreach (var service in first.Where(s => s.Local?.Build is not null))
            {
                var build = BuildAfterAsync(previous, service);
                builds[service.Name] = build;
                previous = build;
            }
        }

        return new ServiceBuilds(builds, ServiceBuilds.Settled(previous), cancel);

        async Task<ServiceBuild?> BuildAfterAsync(Task before, ServiceConfig service)
        {
            await ServiceBuilds.Settled(before);
            cancel.Token.ThrowIfCancellationRequested();
            progress.Step("build", service.Name, $"building {service.Name}", null);
            var context = new DeployContext(run.WorkDirectory(iteration), run.Config.RootDirectory, new Dictionary<string, Uri>(), run.RunId);
            var built = await stages.Deployer!.BuildAsync(service, context, cancel.Token);
            if (built is not null)
            {
                progress.Step("build", service.Name, built.Succeeded ? $"{service.Name} built in {built.Duration.TotalSeconds:0.0} s" : $"{service.Name}: {built.Failure}", built.Succeeded);
            }

            return built;
        }
    }

    /// <param name="only">The services to (re)deploy; null for all (the first iteration).</param>
    /// <param name="builds">The builds <see cref="StartBuilds"/> started for this deploy.</param>
    public async Task<DeployStageResult> DeployAsync(RunContext run, int iteration, Deployment current, IReadOnlySet<string>? only, ServiceBuilds builds, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var deployment = current;
        var deployed = new List<string>();
        var commands = new List<CommandRecord>();
        var notes = new List<string>();
        StageStop? stop = null;
        try
        {
            foreach (var service in DeployOrder.Of(run.Config.Services).Where(s => only is null || only.Contains(s.Name)))
            {
                deployment = await StopForRedeployAsync(deployment, service.Name, cancellationToken);
                deployed.Add(service.Name);
                deployment = await DeployOneAsync(run, iteration, deployment, service, builds.ByService.GetValueOrDefault(service.Name), commands, notes, cancellationToken);
            }
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
        }

        return new(deployment, deployed, commands, notes, SuiteEvaluator.Ms(time.GetElapsedTime(started)), stop);
    }

    private async Task<Deployment> DeployOneAsync(RunContext run, int iteration, Deployment deployment, ServiceConfig service, Task<ServiceBuild?>? build, List<CommandRecord> commands, List<string> notes, CancellationToken cancellationToken)
    {
        var failedDependency = service.DependsOn.FirstOrDefault(d => deployment.Services.Any(s => s.Name == d && !s.Deployed));
        if (failedDependency is not null)
        {
            return deployment.With(new ServiceRecord
            {
                Name = service.Name, Critical = service.Critical,
                Failure = $"not started: it depends on '{failedDependency}', which did not deploy",
            });
        }

        if (service.Remote is not null)
        {
            return await DeployRemoteAsync(run, iteration, deployment, service, commands, cancellationToken);
        }

        if (service.Local is null)
        {
            return deployment.With(new ServiceRecord { Name = service.Name, Critical = service.Critical, Url = service.Url!.ToString(), Deployed = true }, service.Url);
        }

        var built = build is null ? null : await build;
        return await DeployLocalAsync(run, iteration, deployment, RuntimePlaceholders.WithUrls(service, deployment.Urls), built, commands, notes, cancellationToken);
    }

    private async Task<Deployment> DeployLocalAsync(RunContext run, int iteration, Deployment deployment, ServiceConfig service, ServiceBuild? built, List<CommandRecord> commands, List<string> notes, CancellationToken cancellationToken)
    {
        var local = service.Local!;
        progress.Step("deploy", service.Name, local.Build is null || built is not null ? $"starting {service.Name}" : $"building and starting {service.Name}", null);
        var context = new DeployContext(run.WorkDirectory(iteration), run.Config.RootDirectory, new Dictionary<string, Uri>(deployment.Urls), run.RunId, built);
        var result = await stages.Deployer!.DeployAsync(service, context, cancellationToken);
        foreach (var note in result.Notes)
        {
            progress.Step("deploy", "cleanup", note, null);
            notes.Add(note);
        }

        if (local.Build is not null)
        {
            commands.Add(new CommandRecord { Kind = "build", Subject = service.Name, CommandLine = local.Build, DurationMs = SuiteEvaluator.Ms(result.BuildDuration), Iteration = iteration });
        }

        commands.Add(new CommandRecord
        {
            Kind = "start", Subject = service.Name,
            CommandLine = result.Url?.Port is { } port ? RuntimePlaceholders.ExpandPort(local.Run, port) : local.Run,
            DurationMs = SuiteEvaluator.Ms(result.StartDuration),
            Summary = result.Succeeded ? $"ready at {result.Url}" + (result.ProcessId is { } pid ? $", pid {pid}" : "") : result.Failure ?? "failed",
            Iteration = iteration,
        });
        progress.Step("deploy", service.Name, result.Succeeded ? $"{service.Name} ready at {result.Url}" : $"{service.Name} failed: {result.Failure}", result.Succeeded);
        var configured = run.Config.Services.First(s => s.Name == service.Name);
        return deployment.With(new ServiceRecord
        {
            Name = service.Name,
            Critical = service.Critical,
            Url = result.Url?.ToString(),
            Deployed = result.Succeeded,
            Revision = result.Revision is null ? null : result.Revision + EnvironmentRevision.Of(configured),
            StartedAt = result.StartedAt,
            BuildMs = SuiteEvaluator.Ms(result.BuildDuration),
            StartMs = SuiteEvaluator.Ms(result.StartDuration),
            Log = result.LogPath is null ? null : run.Relative(result.LogPath),
            Failure = result.Failure,
        }, result.Succeeded ? result.Url : null, result.LogPath);
    }

    /// <summary>A <c>remote:</c> service: the user's deploy command, the revision before and after, and its configured URL.</summary>
    private async Task<Deployment> DeployRemoteAsync(RunContext run, int iteration, Deployment deployment, ServiceConfig service, List<CommandRecord> commands, CancellationToken cancellationToken)
    {
        var remote = service.Remote!;
        progress.Step("deploy", service.Name, remote.Deploy is null ? $"reading {service.Name}'s revision" : $"deploying {service.Name}", null);
        var context = new DeployContext(run.WorkDirectory(iteration), run.Config.RootDirectory, new Dictionary<string, Uri>(deployment.Urls), run.RunId);
        var result = await stages.RemoteDeployer!.DeployAsync(service, context, cancellationToken);
        commands.Add(new CommandRecord
        {
            Kind = "deploy", Subject = service.Name, CommandLine = remote.Deploy ?? remote.Revision ?? "(none)",
            DurationMs = SuiteEvaluator.Ms(result.StartDuration),
            Summary = result.Succeeded ? $"{result.Revision ?? "revision unknown"} serving at {remote.Url}" : result.Failure ?? "failed",
            Iteration = iteration,
        });
        progress.Step("deploy", service.Name, result.Succeeded ? $"{service.Name} {result.Revision} serving at {remote.Url}" : $"{service.Name} failed: {result.Failure}", result.Succeeded);
        return deployment.With(new ServiceRecord
        {
            Name = service.Name, Critical = service.Critical, Url = remote.Url.ToString(), Deployed = result.Succeeded,
            Revision = result.Revision, StartedAt = result.StartedAt, StartMs = SuiteEvaluator.Ms(result.StartDuration),
            Log = result.LogPath is null ? null : run.Relative(result.LogPath),
            Failure = result.Failure,
        }, result.Succeeded ? remote.Url : null);
    }

    /// <summary>Before a service is deployed again: stop what still runs of it and forget its last record.</summary>
    private async Task<Deployment> StopForRedeployAsync(Deployment deployment, string service, CancellationToken cancellationToken)
    {
        if (deployment.Services.All(s => s.Name != service))
        {
            return deployment;
        }

        if (stages.Deployer is IServiceStopper stopper)
        {
            progress.Step("deploy", service, $"stopping {service} to redeploy it", null);
            await stopper.StopServiceAsync(service, cancellationToken);
        }

        return deployment.Without(service);
    }
}
