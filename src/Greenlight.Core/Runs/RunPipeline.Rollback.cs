using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Secrets;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>
    /// Critical services this iteration deployed that are down: a local one restarts from its last good
    /// build, a remote one runs its rollback command to the revision before the deploy (dependents first, so nothing is left pointing at a service mid-restart), is re-probed,
    /// and the worklog says "rolled back &lt;service&gt; from &lt;new&gt; to &lt;old&gt;". Tests then run only when
    /// <c>loop.test_after_rollback</c> asks for it; otherwise the run is BLOCKED with the evidence.
    /// </summary>
    private async Task RollBackUnhealthyAsync(RunState state, bool testAfterRollback, CancellationToken cancellationToken)
    {
        var down = RollbackOrder(state.Config.Services,
            s => s.Critical && (s.Local is not null || s.Remote is not null) && state.DeployedThisIteration.Contains(s.Name) && Evidence(state, s.Name).Count > 0);
        var store = new LastGoodStore(state.Config.RootDirectory, time);
        foreach (var service in down)
        {
            if (service.Remote is not null && stages.RemoteDeployer is { } remote)
            {
                await RollBackRemoteAsync(state, remote, service, cancellationToken);
            }
            else if (service.Local is not null && stages.Deployer is { } deployer)
            {
                await RollBackAsync(state, deployer, store, service, cancellationToken);
            }
        }

        if (!testAfterRollback)
        {
            state.BlockedBy.AddRange(state.Rollbacks.Where(r => r.HealthyAfter).Select(r =>
                $"{r.Description}, because the new revision was unhealthy ({r.Evidence.FirstOrDefault()}); tests were not run against the restored deployment (loop.test_after_rollback is off)"));
        }
    }

    private async Task RollBackAsync(RunState state, IDeployer deployer, LastGoodStore store, ServiceConfig service, CancellationToken cancellationToken)
    {
        var evidence = Evidence(state, service.Name);
        var local = service.Local!;
        var current = state.Services.LastOrDefault(s => s.Name == service.Name);
        var from = current?.Revision ?? await new RevisionReader(_processes).ReadAsync(local.Run, local.WorkingDirectory, cancellationToken) + EnvironmentRevision(service);
        var build = store.Find(service.Name, from);
        if (build is null)
        {
            state.Rollbacks.Add(new RollbackRecord
            {
                Service = service.Name, FromRevision = from, Evidence = evidence,
                Description = $"no rollback of {service.Name}: no last good revision other than {from} is stored in {Path.GetRelativePath(state.Config.RootDirectory, store.Root)}",
            });
            progress.Step("rollback", service.Name, state.Rollbacks[^1].Description, false);
            return;
        }

        progress.Step("rollback", service.Name, $"rolling back {service.Name} from {from} to {build.Revision}", null);
        if (state.LogPaths.TryGetValue(service.Name, out var badLog))
        {
            // The bad revision's own last lines: after the rollback its log is no longer the service's.
            await AddLogExcerptAsync(state, service.Name, badLog);
        }

        state.Replaced[service.Name] = new ReplacedRevision(
            state.LogPaths.GetValueOrDefault(service.Name), from, current?.StartedAt,
            state.ProbeResults.Where(p => p.Service == service.Name && !p.Healthy).Select(p => (DateTimeOffset?)p.At).Min());
        if (deployer is IServiceStopper stopper)
        {
            await stopper.StopServiceAsync(service.Name, cancellationToken);
        }

        var target = RuntimePlaceholders.WithUrls(service with { Local = LastGoodRollback.Retarget(local, build) }, state.Urls);
        var context = new DeployContext(Path.Combine(state.WorkDirectory, "rollback"), state.Config.RootDirectory, new Dictionary<string, Uri>(state.Urls));
        var result = await deployer.DeployAsync(target, context, cancellationToken);
        state.Services.RemoveAll(s => s.Name == service.Name);
        state.Services.Add(new ServiceRecord
        {
            Name = service.Name, Critical = service.Critical, Url = result.Url?.ToString(), Deployed = result.Succeeded,
            Revision = build.Revision, StartedAt = result.StartedAt, StartMs = SuiteEvaluator.Ms(result.StartDuration),
            Log = result.LogPath is null ? null : Path.GetRelativePath(state.RunDirectory, result.LogPath),
            Failure = result.Failure is null ? null : redactor.Redact(result.Failure),
        });
        state.Commands.Add(new CommandRecord
        {
            Kind = "rollback", Subject = service.Name, CommandLine = redactor.Redact(target.Local!.Run),
            DurationMs = SuiteEvaluator.Ms(result.StartDuration),
            Summary = redactor.Redact(result.Succeeded ? $"{build.Revision} ready at {result.Url}" : result.Failure ?? "failed"),
        });
        if (result.LogPath is not null)
        {
            state.LogPaths[service.Name] = result.LogPath;
        }

        var healthy = false;
        if (result.Succeeded && result.Url is not null)
        {
            state.Urls[service.Name] = result.Url;
            state.RolledBack.Add(service.Name);
            state.Probes.RemoveAll(p => p.Service == service.Name);
            state.ProbeResults.RemoveAll(p => p.Service == service.Name);
            await ProbeAllAsync(state, cancellationToken, [service.Name]);
            healthy = Evidence(state, service.Name).Count == 0;
        }

        var rollback = new RollbackResult { Service = service.Name, Succeeded = result.Succeeded, FromRevision = from, ToRevision = build.Revision, ActualRevision = build.Revision, Failure = result.Failure };
        state.Rollbacks.Add(new RollbackRecord
        {
            Service = service.Name, Succeeded = result.Succeeded, FromRevision = from, ToRevision = build.Revision, HealthyAfter = healthy,
            Description = redactor.Redact(rollback.Describe()) + (result.Succeeded && !healthy ? " but it is still unhealthy" : ""),
            Evidence = evidence,
        });
        progress.Step("rollback", service.Name, state.Rollbacks[^1].Description, healthy);
    }

    /// <summary>
    /// "+env 1a2b3c4d": a hash of the service's configured environment, so that switching a fault on
    /// through the environment (same build) is a new revision with a last good one to return to.
    /// </summary>
    internal static string EnvironmentRevision(ServiceConfig service)
    {
        if (service.Local is not { Environment.Count: > 0 } local)
        {
            return "";
        }

        var text = string.Concat(local.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}\0"));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return "+env " + Convert.ToHexStringLower(hash)[..8];
    }

    /// <summary>The services to roll back, dependents before what they depend on (reverse deploy order).</summary>
    internal static List<ServiceConfig> RollbackOrder(IReadOnlyList<ServiceConfig> services, Func<ServiceConfig, bool> isDown) =>
        [.. Enumerable.Reverse(DeployOrder(services)).Where(isDown)];

    /// <summary>Why a service counts as down now: its deploy failure, or its failing probes.</summary>
    private List<string> Evidence(RunState state, string service)
    {
        var evidence = state.Services.Where(s => s.Name == service && !s.Deployed).Select(s => $"deploy failed: {s.Failure}").ToList();
        evidence.AddRange(state.Probes.Where(p => p.Service == service && !p.Healthy).Select(p => redactor.Redact($"{p.Url}: {p.Detail}")));
        return evidence;
    }

    /// <summary>Stores the build of every local service that this iteration deployed and that is healthy, as its last good revision.</summary>
    private async Task SaveLastGoodAsync(RunState state, CancellationToken cancellationToken)
    {
        var store = new LastGoodStore(state.Config.RootDirectory, time);
        foreach (var service in state.Config.Services.Where(s => s.Local is not null && state.DeployedThisIteration.Contains(s.Name) && !state.RolledBack.Contains(s.Name)))
        {
            var record = state.Services.LastOrDefault(s => s.Name == service.Name);
            if (record is not { Deployed: true, Revision: { } revision } || Evidence(state, service.Name).Count > 0 || store.List(service.Name).Any(b => b.Revision == revision))
            {
                continue;
            }

            var local = service.Local!;
            var secret = local.Environment.Where(kv => SecretRedactor.IsSecretName(kv.Key) || redactor.Redact(kv.Value) != kv.Value).Select(kv => kv.Key).ToList();
            var environment = local.Environment.Where(kv => !secret.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
            var saved = await store.SaveAsync(service.Name, revision, BuildOutputHash.SelectDirectory(local.Run, local.WorkingDirectory), cancellationToken, environment, secret);
            progress.Step("deploy", service.Name, saved.Succeeded ? $"kept {service.Name} {revision} as its last good build" : redactor.Redact(saved.Failure!), saved.Succeeded);
        }
    }
}
