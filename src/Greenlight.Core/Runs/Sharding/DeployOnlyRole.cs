using System.Text.Json;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Runs.Recording;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Sharding;

/// <summary>What <c>greenlight run --deploy-only</c> ended with: the run id it recorded (null when it recorded none) and its exit code.</summary>
public sealed record DeployOnlyOutcome(int ExitCode, string? RunId, string? Directory, IReadOnlyList<string> Errors)
{
    public static DeployOnlyOutcome Invalid(IEnumerable<string> errors) => new((int)Verdict.ConfigError, null, null, [.. errors]);
}

/// <summary>The first of a sharded run's roles (<see cref="ShardRoles"/>): the deployment every shard tests.</summary>
internal sealed class DeployOnlyRole
{
    private readonly RunStages _stages;
    private readonly TimeProvider _time;
    private readonly IRunProgress _progress;

    public DeployOnlyRole(RunStages stages)
    {
        _stages = stages;
        _time = stages.Time;
        _progress = stages.Progress;
    }

    /// <summary>
    /// Gates, deploy, probes and rollback as a run's first iteration does them, then no tests: the
    /// deployment (URLs, revisions, probes) is recorded under a new run id, which <paramref name="announce"/>
    /// gets. Services Greenlight started itself stay up in this process until <c>greenlight finish</c> marks
    /// the run finished, <paramref name="serveTimeout"/> passes or the process is stopped; then they are stopped.
    /// </summary>
    /// <param name="givenRunId">The run id to record under (Kubernetes Jobs share one this way); null makes a new one.</param>
    public async Task<DeployOnlyOutcome> RunAsync(
        GreenlightConfig config, RunOptions options, TimeSpan serveTimeout, string? givenRunId, Action<string> announce, CancellationToken cancellationToken)
    {
        _stages.AddSecrets(config);
        if (givenRunId is not null && !ShardRoles.IsRunId(givenRunId))
        {
            return DeployOnlyOutcome.Invalid([ShardRoles.NotARunId(givenRunId)]);
        }

        var planned = Planner.Plan(config, options.Focus);
        if (planned.Plan is not { } plan)
        {
            return DeployOnlyOutcome.Invalid([planned.Error!]);
        }

        var missing = _stages.Registry.Missing(config, []);
        if (missing.Count > 0)
        {
            return DeployOnlyOutcome.Invalid(missing);
        }

        var runId = givenRunId ?? RunId.Create(_time, _stages.Random);
        var directory = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), runId, "deploy");
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var run = new RunContext(config, plan, runId, directory, _time.GetUtcNow(), _time.GetTimestamp(),
            options.FailFast ?? config.Loop.FailFast, false, LoopSettings.From(config.Loop, options));
        _stages.Recorder.OpenTrail(run);
        var history = HistorySession.None;
        try
        {
            history = await HistorySession.OpenAsync(_stages.Registry.History, run, _progress, cancellationToken);
            if (history.Shards is not { } store)
            {
                return DeployOnlyOutcome.Invalid([ShardRoles.NoShardStore(history)]);
            }

            var facts = await _stages.Iteration.RunAsync(run, new IterationStart(1, Deployment.Empty, null, new HashSet<string>()) { DeployOnly = true }, history, cancellationToken);
            var ready = facts.Stop is null && facts.Gates.Passed && !facts.Blocked;
            var deployment = new ShardDeployment
            {
                RunId = runId, Project = config.Project, Focus = options.Focus, StartedAt = run.StartedAt,
                Host = Environment.MachineName, Directory = directory,
                Services = facts.Deployment.Services,
                Urls = facts.Deployment.Urls.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal),
                LogPaths = facts.Deployment.LogPaths, Probes = facts.Probes.Records, Commands = facts.Commands, Gates = facts.Gates.Gates,
                BlockedBy = [.. facts.BlockedBy, .. facts.Stop is { } stop ? [stop.NotRunWhy] : Array.Empty<string>()],
                DeployMs = facts.DeployMs, ProbeMs = facts.Probes.DurationMs, Ready = ready,
            };
            var json = _stages.Redactor.Redact(JsonSerializer.Serialize(deployment, RunJson.LineOptions));
            await File.WriteAllTextAsync(Path.Combine(directory, "deployment.json"), json, CancellationToken.None);
            var saved = await store.SaveDeploymentAsync(runId, config.Project, json, cancellationToken);
            if (!saved.Succeeded)
            {
                return new(RunOutcome.InternalErrorExitCode, null, directory, [$"the deployment could not be recorded in {history.Description}: {saved.Error}"]);
            }

            announce(runId);
            _progress.Step("shards", runId, ready
                ? $"run {runId} deployed and recorded in {history.Description}: run the shards with `greenlight run --attach {runId} --shard I/N`, then `greenlight finish {runId}`"
                : $"run {runId} is not ready ({string.Join("; ", deployment.BlockedBy.DefaultIfEmpty(facts.Gates.Passed ? "a critical service is down" : "a pre-deploy gate failed"))}): no shard will run; `greenlight finish {runId}` writes its verdict", ready);
            if (ready && config.Services.Any(s => s.Local is not null))
            {
                await ServeAsync(store, runId, serveTimeout, cancellationToken);
            }

            return new(ready ? 0 : facts.Gates.Passed ? (int)Verdict.Blocked : (int)Verdict.Red, runId, directory, []);
        }
        finally
        {
            await _stages.StopServicesAsync();
            await history.DisposeAsync();
        }
    }

    /// <summary>The local services answer from this process: it waits for finish's signal, the timeout or Ctrl+C.</summary>
    private async Task ServeAsync(IShardStore store, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _progress.Step("serve", runId, $"serving the services until `greenlight finish {runId}` writes the verdict (at most {Format.Duration(SuiteEvaluator.Ms(timeout))}; Ctrl+C stops them)", null);
        var started = _time.GetTimestamp();
        try
        {
            while (true)
            {
                var finished = await store.FinishedAsync(runId, cancellationToken);
                if (finished.Succeeded && finished.Value)
                {
                    _progress.Step("serve", runId, $"run {runId} is finished: stopping the services", true);
                    return;
                }

                if (_time.GetElapsedTime(started) >= timeout)
                {
                    _progress.Step("serve", runId, $"run {runId} was not finished within {Format.Duration(SuiteEvaluator.Ms(timeout))}: stopping the services", false);
                    return;
                }

                await Task.Delay(ShardRoles.Poll, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _progress.Step("serve", runId, "interrupted: stopping the services", false);
        }
    }
}
