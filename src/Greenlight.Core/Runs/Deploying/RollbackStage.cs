using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Runs.Probing;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Deploying;

/// <summary>What the rollbacks did: the deployment and probes after them, their records, and the evidence of the revisions they replaced.</summary>
internal sealed record RollbackStageResult(
    Deployment Deployment,
    ProbeStageResult Probes,
    IReadOnlyList<RollbackRecord> Rollbacks,
    IReadOnlyList<CommandRecord> Commands,
    IReadOnlyList<string> BlockedBy,
    IReadOnlyList<LogExcerpt> LogExcerpts,
    IReadOnlyDictionary<string, ReplacedRevision> Replaced)
{
    public static RollbackStageResult None(Deployment deployment, ProbeStageResult probes) =>
        new(deployment, probes, [], [], [], [], new Dictionary<string, ReplacedRevision>());
}

/// <summary>
/// Critical services this iteration deployed that are down: a local one restarts from its last good
/// build, a remote one runs its rollback command (dependents first, so nothing is left pointing at a
/// service mid-restart); each is re-probed and the worklog says "rolled back &lt;service&gt; from &lt;new&gt;
/// to &lt;old&gt;". Tests then run only when <c>loop.test_after_rollback</c> asks for it.
/// </summary>
internal sealed class RollbackStage(StageRegistry stages, ProbeStage probing, ChildProcess processes, TimeProvider time, IRunProgress progress)
{
    public async Task<RollbackStageResult> RollBackAsync(RunContext run, int iteration, Deployment deployment, ProbeStageResult probes, IReadOnlyList<string> deployed, CancellationToken cancellationToken)
    {
        var state = new Progress(deployment, probes);
        var down = DeployOrder.Rollback(run.Config.Services,
            s => s.Critical && (s.Local is not null || s.Remote is not null) && deployed.Contains(s.Name) && ServiceHealth.Evidence(deployment, probes.Records, s.Name).Count > 0);
        var store = new LastGoodStore(run.Config.RootDirectory, time);
        foreach (var service in down)
        {
            if (service.Remote is not null && stages.RemoteDeployer is { } remote)
            {
                state = await RollBackRemoteAsync(run, iteration, state, remote, service, cancellationToken);
            }
            else if (service.Local is not null && stages.Deployer is { } deployer)
            {
                state = await RollBackLocalAsync(run, iteration, state, deployer, store, service, cancellationToken);
            }
        }

        var blockedBy = state.BlockedBy.ToList();
        if (!run.Loop.TestAfterRollback)
        {
            blockedBy.AddRange(state.Rollbacks.Where(r => r.HealthyAfter).Select(r =>
                $"{r.Description}, because the new revision was unhealthy ({r.Evidence.FirstOrDefault()}); tests were not run against the restored deployment (loop.test_after_rollback is off)"));
        }

        return new(state.Deployment, state.Probes, state.Rollbacks, state.Commands, blockedBy, state.Excerpts, state.Replaced);
    }

    private async Task<Progress> RollBackLocalAsync(RunContext run, int iteration, Progress state, IDeployer deployer, LastGoodStore store, ServiceConfig service, CancellationToken cancellationToken)
    {
        var evidence = ServiceHealth.Evidence(state.Deployment, state.Probes.Records, service.Name);
        var local = service.Local!;
        var current = state.Deployment.Service(service.Name);
        var from = current?.Revision ?? await new RevisionReader(processes).ReadAsync(local.Run, local.WorkingDirectory, cancellationToken) + EnvironmentRevision.Of(service);
        var build = store.Find(service.Name, from);
        if (build is null)
        {
            var where = Path.GetRelativePath(run.Config.RootDirectory, store.Root);
            var none = new RollbackRecord
            {
                Service = service.Name, FromRevision = from, Evidence = evidence,
                Description = store.List(service.Name).Count == 0
                    ? $"no rollback of {service.Name}: it has no last good build yet (no run has passed its tests with proof; builds are kept in {where})"
                    : $"no rollback of {service.Name}: no last good revision other than {from} is stored in {where}",
            };
            progress.Step("rollback", service.Name, none.Description, false);
            return state with { Rollbacks = [.. state.Rollbacks, none] };
        }

        progress.Step("rollback", service.Name, $"rolling back {service.Name} from {from} to {build.Revision}", null);
        var badLog = state.Deployment.LogPaths.GetValueOrDefault(service.Name);
        // The bad revision's own last lines: after the rollback its log is no longer the service's.
        var excerpt = badLog is null ? null : await LogExcerpts.ReadAsync(run, service.Name, badLog);
        var replaced = new ReplacedRevision(badLog, from, current?.StartedAt, FirstFailure(state.Probes, service.Name));
        if (deployer is IServiceStopper stopper)
        {
            await stopper.StopServiceAsync(service.Name, cancellationToken);
        }

        var target = RuntimePlaceholders.WithUrls(service with { Local = LastGoodRollback.Retarget(local, build) }, state.Deployment.Urls);
        var context = new DeployContext(Path.Combine(run.WorkDirectory(iteration), "rollback"), run.Config.RootDirectory, new Dictionary<string, Uri>(state.Deployment.Urls), run.RunId);
        var result = await deployer.DeployAsync(target, context, cancellationToken);
        var deployment = state.Deployment.With(new ServiceRecord
        {
            Name = service.Name, Critical = service.Critical, Url = result.Url?.ToString(), Deployed = result.Succeeded,
            Revision = build.Revision, StartedAt = result.StartedAt, StartMs = SuiteEvaluator.Ms(result.StartDuration),
            Log = result.LogPath is null ? null : run.Relative(result.LogPath),
            Failure = result.Failure,
        }, result.Succeeded ? result.Url : null, result.LogPath, rolledBack: result.Succeeded && result.Url is not null ? true : null);
        var command = new CommandRecord
        {
            Kind = "rollback", Subject = service.Name, CommandLine = target.Local!.Run,
            DurationMs = SuiteEvaluator.Ms(result.StartDuration),
            Summary = result.Succeeded ? $"{build.Revision} ready at {result.Url}" : result.Failure ?? "failed",
            Iteration = iteration,
        };
        var (probes, healthy) = result.Succeeded && result.Url is not null
            ? await ReprobeAsync(run, deployment, state.Probes, service.Name, cancellationToken)
            : (state.Probes, false);
        var rollback = new RollbackResult { Service = service.Name, Succeeded = result.Succeeded, FromRevision = from, ToRevision = build.Revision, ActualRevision = build.Revision, Failure = result.Failure };
        var record = new RollbackRecord
        {
            Service = service.Name, Succeeded = result.Succeeded, FromRevision = from, ToRevision = build.Revision, HealthyAfter = healthy,
            Description = rollback.Describe() + (build.MadeGoodBy is { } by ? $" (made good by run {by})" : "") + (result.Succeeded && !healthy ? " but it is still unhealthy" : ""),
            Evidence = evidence,
        };
        progress.Step("rollback", service.Name, record.Description, healthy);
        return state with
        {
            Deployment = deployment, Probes = probes, Rollbacks = [.. state.Rollbacks, record], Commands = [.. state.Commands, command],
            Excerpts = excerpt is null ? state.Excerpts : [.. state.Excerpts, excerpt],
            Replaced = new Dictionary<string, ReplacedRevision>(state.Replaced) { [service.Name] = replaced },
        };
    }

    /// <summary>
    /// Returns a remote service to the revision that served before this iteration's deploy, through its
    /// rollback command, and re-probes it. A failing command is a record with its output, never an exception.
    /// </summary>
    private async Task<Progress> RollBackRemoteAsync(RunContext run, int iteration, Progress state, IRollbackDeployer deployer, ServiceConfig service, CancellationToken cancellationToken)
    {
        var evidence = ServiceHealth.Evidence(state.Deployment, state.Probes.Records, service.Name);
        var current = state.Deployment.Service(service.Name);
        progress.Step("rollback", service.Name, $"rolling back {service.Name} from {current?.Revision ?? "(unknown)"}", null);
        var replaced = new ReplacedRevision(null, current?.Revision, current?.StartedAt, FirstFailure(state.Probes, service.Name));
        var context = new DeployContext(Path.Combine(run.WorkDirectory(iteration), "rollback"), run.Config.RootDirectory, new Dictionary<string, Uri>(state.Deployment.Urls), run.RunId);
        var result = await deployer.RollbackAsync(service, null, context, cancellationToken);
        var command = new CommandRecord
        {
            Kind = "rollback", Subject = service.Name, CommandLine = service.Remote!.Rollback ?? "(none)",
            DurationMs = SuiteEvaluator.Ms(result.Duration), Summary = result.Describe(), Iteration = iteration,
        };
        var deployment = state.Deployment;
        var probes = state.Probes;
        var healthy = false;
        var blockedBy = state.BlockedBy;
        if (result.Succeeded)
        {
            deployment = deployment.With(new ServiceRecord
            {
                Name = service.Name, Critical = service.Critical, Url = service.Remote.Url.ToString(), Deployed = true,
                Revision = result.ActualRevision ?? result.ToRevision, StartMs = SuiteEvaluator.Ms(result.Duration),
                Log = result.LogPath is null ? null : run.Relative(result.LogPath),
            }, service.Remote.Url, rolledBack: true);
            (probes, healthy) = await ReprobeAsync(run, deployment, probes, service.Name, cancellationToken);
        }
        else
        {
            blockedBy = [.. blockedBy, $"{result.Describe()}; {service.Name} stays on {result.FromRevision ?? "the new revision"}, which was unhealthy ({evidence.FirstOrDefault()})"];
        }

        var record = new RollbackRecord
        {
            Service = service.Name, Succeeded = result.Succeeded, FromRevision = result.FromRevision ?? current?.Revision,
            ToRevision = result.ToRevision, HealthyAfter = healthy, Evidence = evidence,
            Description = result.Describe() + (result.Succeeded && !healthy ? " but it is still unhealthy" : ""),
        };
        progress.Step("rollback", service.Name, record.Description, healthy);
        return state with
        {
            Deployment = deployment, Probes = probes, Rollbacks = [.. state.Rollbacks, record], Commands = [.. state.Commands, command], BlockedBy = blockedBy,
            Replaced = new Dictionary<string, ReplacedRevision>(state.Replaced) { [service.Name] = replaced },
        };
    }

    private async Task<(ProbeStageResult Probes, bool Healthy)> ReprobeAsync(RunContext run, Deployment deployment, ProbeStageResult probes, string service, CancellationToken cancellationToken)
    {
        var fresh = await probing.ProbeAsync(run.Config, deployment, [service], cancellationToken);
        var after = probes.Replace(service, fresh);
        return (after, ServiceHealth.Evidence(deployment, after.Records, service).Count == 0);
    }

    private static DateTimeOffset? FirstFailure(ProbeStageResult probes, string service) =>
        probes.Results.Where(p => p.Service == service && !p.Healthy).Select(p => (DateTimeOffset?)p.At).Min();

    /// <summary>The rollbacks so far; each rollback returns the next one.</summary>
    private sealed record Progress(Deployment Deployment, ProbeStageResult Probes)
    {
        public IReadOnlyList<RollbackRecord> Rollbacks { get; init; } = [];
        public IReadOnlyList<CommandRecord> Commands { get; init; } = [];
        public IReadOnlyList<string> BlockedBy { get; init; } = [];
        public IReadOnlyList<LogExcerpt> Excerpts { get; init; } = [];
        public IReadOnlyDictionary<string, ReplacedRevision> Replaced { get; init; } = new Dictionary<string, ReplacedRevision>();
    }
}
