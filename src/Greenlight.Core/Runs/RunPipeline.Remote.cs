using Greenlight.Config;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>A <c>remote:</c> service: the user's deploy command, the revision before and after, and its configured URL.</summary>
    private async Task DeployRemoteAsync(RunState state, ServiceConfig service, CancellationToken cancellationToken)
    {
        var remote = service.Remote!;
        progress.Step("deploy", service.Name, remote.Deploy is null ? $"reading {service.Name}'s revision" : $"deploying {service.Name}", null);
        var context = new DeployContext(state.WorkDirectory, state.Config.RootDirectory, new Dictionary<string, Uri>(state.Urls));
        var result = await stages.RemoteDeployer!.DeployAsync(service, context, cancellationToken);
        if (result.Succeeded)
        {
            state.Urls[service.Name] = remote.Url;
        }

        state.Commands.Add(new CommandRecord
        {
            Kind = "deploy", Subject = service.Name, CommandLine = redactor.Redact(remote.Deploy ?? remote.Revision ?? "(none)"),
            DurationMs = SuiteEvaluator.Ms(result.StartDuration),
            Summary = redactor.Redact(result.Succeeded ? $"{result.Revision ?? "revision unknown"} serving at {remote.Url}" : result.Failure ?? "failed"),
        });
        state.Services.Add(new ServiceRecord
        {
            Name = service.Name, Critical = service.Critical, Url = remote.Url.ToString(), Deployed = result.Succeeded,
            Revision = result.Revision, StartedAt = result.StartedAt, StartMs = SuiteEvaluator.Ms(result.StartDuration),
            Log = result.LogPath is null ? null : Path.GetRelativePath(state.RunDirectory, result.LogPath),
            Failure = result.Failure is null ? null : redactor.Redact(result.Failure),
        });
        progress.Step("deploy", service.Name, result.Succeeded ? $"{service.Name} {result.Revision} serving at {remote.Url}" : $"{service.Name} failed: {redactor.Redact(result.Failure ?? "")}", result.Succeeded);
    }

    /// <summary>
    /// Returns a remote service to the revision that served before this iteration's deploy, through its
    /// rollback command, and re-probes it. A failing command is a record with its output, never an exception.
    /// </summary>
    private async Task RollBackRemoteAsync(RunState state, IRollbackDeployer deployer, ServiceConfig service, CancellationToken cancellationToken)
    {
        var evidence = Evidence(state, service.Name);
        var current = state.Services.LastOrDefault(s => s.Name == service.Name);
        progress.Step("rollback", service.Name, $"rolling back {service.Name} from {current?.Revision ?? "(unknown)"}", null);
        state.Replaced[service.Name] = new ReplacedRevision(
            null, current?.Revision, current?.StartedAt,
            state.ProbeResults.Where(p => p.Service == service.Name && !p.Healthy).Select(p => (DateTimeOffset?)p.At).Min());
        var context = new DeployContext(Path.Combine(state.WorkDirectory, "rollback"), state.Config.RootDirectory, new Dictionary<string, Uri>(state.Urls));
        var result = await deployer.RollbackAsync(service, null, context, cancellationToken);
        state.Commands.Add(new CommandRecord
        {
            Kind = "rollback", Subject = service.Name, CommandLine = redactor.Redact(service.Remote!.Rollback ?? "(none)"),
            DurationMs = SuiteEvaluator.Ms(result.Duration), Summary = redactor.Redact(result.Describe()),
        });
        var healthy = false;
        if (result.Succeeded)
        {
            state.Services.RemoveAll(s => s.Name == service.Name);
            state.Services.Add(new ServiceRecord
            {
                Name = service.Name, Critical = service.Critical, Url = service.Remote.Url.ToString(), Deployed = true,
                Revision = result.ActualRevision ?? result.ToRevision, StartMs = SuiteEvaluator.Ms(result.Duration),
                Log = result.LogPath is null ? null : Path.GetRelativePath(state.RunDirectory, result.LogPath),
            });
            state.Urls[service.Name] = service.Remote.Url;
            state.RolledBack.Add(service.Name);
            state.Probes.RemoveAll(p => p.Service == service.Name);
            state.ProbeResults.RemoveAll(p => p.Service == service.Name);
            await ProbeAllAsync(state, cancellationToken, [service.Name]);
            healthy = Evidence(state, service.Name).Count == 0;
        }
        else
        {
            state.BlockedBy.Add(redactor.Redact($"{result.Describe()}; {service.Name} stays on {result.FromRevision ?? "the new revision"}, which was unhealthy ({evidence.FirstOrDefault()})"));
        }

        state.Rollbacks.Add(new RollbackRecord
        {
            Service = service.Name, Succeeded = result.Succeeded, FromRevision = result.FromRevision ?? current?.Revision,
            ToRevision = result.ToRevision, HealthyAfter = healthy, Evidence = evidence,
            Description = redactor.Redact(result.Describe()) + (result.Succeeded && !healthy ? " but it is still unhealthy" : ""),
        });
        progress.Step("rollback", service.Name, state.Rollbacks[^1].Description, healthy);
    }

}
