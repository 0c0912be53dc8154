using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Runs.Deploying;

/// <summary>
/// Stores the build of every local service that this iteration deployed and that is healthy as its
/// last good revision, with its environment (secret values left out: they come from the current config).
/// </summary>
internal sealed class LastGoodKeeper(TimeProvider time, SecretRedactor redactor, IRunProgress progress)
{
    public async Task KeepAsync(RunContext run, Deployment deployment, IReadOnlyList<ProbeRecord> probes, IReadOnlyList<string> deployed, CancellationToken cancellationToken)
    {
        var store = new LastGoodStore(run.Config.RootDirectory, time);
        foreach (var service in run.Config.Services.Where(s => s.Local is not null && deployed.Contains(s.Name) && !deployment.RolledBack.Contains(s.Name)))
        {
            var record = deployment.Service(service.Name);
            if (record is not { Deployed: true, Revision: { } revision } || ServiceHealth.Evidence(deployment, probes, service.Name).Count > 0
                || store.List(service.Name).Any(b => b.Revision == revision))
            {
                continue;
            }

            var local = service.Local!;
            var secret = local.Environment.Where(kv => SecretRedactor.IsSecretName(kv.Key) || redactor.Redact(kv.Value) != kv.Value).Select(kv => kv.Key).ToList();
            var environment = local.Environment.Where(kv => !secret.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
            var saved = await store.SaveAsync(service.Name, revision, BuildOutputHash.SelectDirectory(local.Run, local.WorkingDirectory), cancellationToken, environment, secret);
            progress.Step("deploy", service.Name, saved.Succeeded ? $"kept {service.Name} {revision} as its last good build" : saved.Failure!, saved.Succeeded);
        }
    }
}
