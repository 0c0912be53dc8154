using System.Globalization;
using Greenlight.Model;
using Greenlight.Runs.Probing;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Deploying;

/// <summary>The services as they are after the tests, each one that stopped during them marked with its exit; and how long the check took.</summary>
internal sealed record LivenessResult(Deployment Deployment, IReadOnlyList<ServiceExitRecord> Exits, long DurationMs)
{
    public static LivenessResult Unchanged(Deployment deployment) => new(deployment, [], 0);
}

/// <summary>
/// Whether the services that were up are still up once the tests are over: a local service whose
/// process ended on its own is known from the deployer's exit watch (time, exit code or signal, last
/// lines); after tests with failures, every service that answered its probes before them is probed
/// again, so a service Greenlight did not start (a remote or <c>url:</c> one) that stopped answering
/// is found too. A service found down is marked with its exit; analysis puts it first.
/// </summary>
internal sealed class LivenessStage(StageRegistry stages, ProbeStage probes, TimeProvider time, IRunProgress progress)
{
    /// <param name="before">The probes that let the tests run.</param>
    /// <param name="reprobe">The tests had failures: probe the services that answered before them again.</param>
    public async Task<LivenessResult> CheckAsync(RunContext run, Deployment deployment, ProbeStageResult before, bool reprobe, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var exits = new List<ServiceExitRecord>();
        if (stages.Deployer is IServiceWatcher watcher)
        {
            // An exit of the process this deployment runs: after its start, and not already recorded by an earlier iteration.
            exits.AddRange(watcher.Exits.Where(e => deployment.Service(e.Service) is { Deployed: true, Exit: null } s && (s.StartedAt is not { } at || at <= e.At)));
        }

        if (reprobe)
        {
            exits.AddRange(await UnansweredAsync(run, deployment, before, exits.Select(e => e.Service).ToHashSet(StringComparer.Ordinal), cancellationToken));
        }

        foreach (var exit in exits)
        {
            progress.Step("watch", exit.Service, $"{exit.Service} stopped during the run at {exit.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC: {exit.Description}", false);
        }

        return new(exits.Aggregate(deployment, (d, e) => d.WithExit(e)), exits, SuiteEvaluator.Ms(time.GetElapsedTime(started)));
    }

    /// <summary>Services that answered every probe before the tests and fail one now.</summary>
    private async Task<IReadOnlyList<ServiceExitRecord>> UnansweredAsync(RunContext run, Deployment deployment, ProbeStageResult before, IReadOnlySet<string> known, CancellationToken cancellationToken)
    {
        var answered = before.Records.GroupBy(p => p.Service)
            .Where(g => g.All(p => p.Healthy) && !known.Contains(g.Key) && deployment.Service(g.Key) is { Deployed: true, Exit: null })
            .Select(g => g.Key).ToList();
        if (answered.Count == 0)
        {
            return [];
        }

        var again = await probes.ProbeAsync(run.Config, deployment, answered, cancellationToken);
        return [.. again.Records.Where(p => !p.Healthy).GroupBy(p => p.Service).Select(g => new ServiceExitRecord
        {
            Service = g.Key,
            At = again.Results.Where(r => r.Service == g.Key).Select(r => r.At).DefaultIfEmpty(time.GetUtcNow()).Min(),
            Description = $"stopped answering: {g.First().Url}: {g.First().Detail}",
            LastLines = [.. g.Select(p => $"{p.Url}: {p.Detail}")],
        })];
    }
}
