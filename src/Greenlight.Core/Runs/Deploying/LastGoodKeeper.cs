using Greenlight.Deploy;
using Greenlight.Deploy.LastGood;
using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Runs.Deploying;

/// <summary>The builds an iteration made good, as notes for the worklog ("kept backend r2 as its last good build: run … passed its tests").</summary>
internal sealed record LastGoodResult(IReadOnlyList<string> Notes)
{
    public static LastGoodResult None { get; } = new([]);
}

/// <summary>
/// After an iteration's verdict: stores the build of every local service whose tests passed and were
/// proven as its last good revision, with its environment (secret values left out: they come from the
/// current config). A GREEN iteration makes every running build good; in a RED one, a service is good
/// when every suite configured with it ran and passed with proof. A build that only answered its
/// probes is never kept: a rollback must not return to a build that fails its tests.
/// </summary>
internal sealed class LastGoodKeeper(TimeProvider time, SecretRedactor redactor, IRunProgress progress)
{
    public async Task<LastGoodResult> KeepAsync(RunContext run, IterationResult facts, RunRecord view, CancellationToken cancellationToken)
    {
        if (facts.Stop is not null || view.Verdict is not (Verdict.Green or Verdict.Red) || facts.Blocked)
        {
            return LastGoodResult.None;
        }

        var store = new LastGoodStore(run.Config.RootDirectory, time);
        var deployment = facts.Deployment;
        var notes = new List<string>();
        foreach (var service in run.Config.Services.Where(s => s.Local is not null && !deployment.RolledBack.Contains(s.Name)))
        {
            var record = deployment.Service(service.Name);
            if (record is not { Deployed: true, Revision: { } revision } || ServiceHealth.Evidence(deployment, facts.Probes.Records, service.Name).Count > 0
                || !Proven(run, view, service.Name) || store.List(service.Name).Any(b => b.Revision == revision))
            {
                continue;
            }

            var local = service.Local!;
            var secret = local.Environment.Where(kv => SecretRedactor.IsSecretName(kv.Key) || redactor.Redact(kv.Value) != kv.Value).Select(kv => kv.Key).ToList();
            var environment = local.Environment.Where(kv => !secret.Contains(kv.Key)).ToDictionary(StringComparer.Ordinal);
            LastGoodSaveResult saved;
            try
            {
                saved = await store.SaveAsync(service.Name, revision, BuildOutputHash.SelectDirectory(local.Run, local.WorkingDirectory), cancellationToken, environment, secret, run.RunId);
            }
            catch (OperationCanceledException)
            {
                saved = new(null, $"{service.Name} {revision} not kept as its last good build: the run was interrupted");
            }

            var text = saved.Succeeded
                ? $"kept {service.Name} {revision} as its last good build: run {run.RunId} iteration {facts.Number} passed its tests with proof"
                : saved.Failure!;
            progress.Step("deploy", service.Name, text, saved.Succeeded);
            notes.Add(text);
        }

        return new(notes);
    }

    // GREEN proves every build; otherwise the suites configured with the service must all have passed with proof.
    private static bool Proven(RunContext run, RunRecord view, string service)
    {
        if (view.Verdict == Verdict.Green)
        {
            return true;
        }

        var suites = run.Config.Suites.Where(s => s.Services.Count == 0 || s.Services.Contains(service)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var records = view.Suites.Where(s => suites.Contains(s.Id)).ToList();
        return records.Count > 0 && records.All(s => s.Outcome == StageOutcome.Passed && s.Total > 0);
    }
}
