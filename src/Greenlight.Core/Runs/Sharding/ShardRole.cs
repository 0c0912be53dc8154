using System.Globalization;
using System.Text.Json;
using Greenlight.Config;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Runs.Recording;
using Greenlight.Secrets;
using Greenlight.Stages;

namespace Greenlight.Runs.Sharding;

/// <summary>
/// <c>greenlight run --attach RUN_ID --shard I/N</c>, one of a sharded run's roles (<see cref="ShardRoles"/>):
/// this shard's tests against the recorded deployment, its report to the store.
/// </summary>
internal sealed class ShardRole
{
    private readonly RunStages _stages;
    private readonly TimeProvider _time;
    private readonly IRunProgress _progress;
    private readonly SecretRedactor _redactor;

    public ShardRole(RunStages stages)
    {
        _stages = stages;
        _time = stages.Time;
        _progress = stages.Progress;
        _redactor = stages.Redactor;
    }

    /// <summary>
    /// Shard <paramref name="shard"/> of the recorded run: the plan of the deploy-only run, narrowed to the
    /// tests this shard owns; every service taken as a <c>url:</c> service at its recorded URL, behind this
    /// process's own recording proxies; probes and proof as usual. Its record goes to
    /// <c>runs/&lt;id&gt;/shards/&lt;i&gt;/</c>, its report to the store.
    /// </summary>
    public async Task<RunOutcome> RunAsync(GreenlightConfig config, string runId, ShardSpec shard, CancellationToken cancellationToken)
    {
        _stages.AddSecrets(config);
        var (deployment, error) = await ShardRoles.ReadDeploymentAsync(_stages.Registry.History, config, runId, cancellationToken);
        if (deployment is null)
        {
            return RunOutcome.Invalid([error!]);
        }

        if (!deployment.Ready)
        {
            return RunOutcome.Invalid([$"the deployment of run {runId} is not ready ({string.Join("; ", deployment.BlockedBy.DefaultIfEmpty("a gate failed or a critical service is down"))}): no shard runs; `greenlight finish {runId}` writes its verdict"]);
        }

        var planned = Planner.Plan(config, deployment.Focus);
        if (planned.Plan is not { } plan)
        {
            return RunOutcome.Invalid([planned.Error!]);
        }

        var unshardable = plan.Suites.Where(s => !ShardSelection.CanSelect(s.Runner))
            .Select(s => $"suite '{s.Id}' (runner {s.Runner}) cannot be sharded: {ShardSelection.Why(s.Runner)}; leave it out with --focus on the deploy-only run")
            .ToList();
        if (unshardable.Count > 0)
        {
            return RunOutcome.Invalid(unshardable);
        }

        var shardConfig = config with
        {
            Services = [.. config.Services.Where(s => deployment.Urls.ContainsKey(s.Name))
                .Select(s => s with { Local = null, Remote = null, Url = new Uri(deployment.Urls[s.Name]) })],
            Gates = new Gates.GatesConfig { LineEndings = null },
        };
        var missing = _stages.Registry.Missing(shardConfig, plan.Suites);
        if (missing.Count > 0)
        {
            return RunOutcome.Invalid(missing);
        }

        var directory = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), runId, "shards", shard.Index.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var run = new RunContext(shardConfig, plan, runId, directory, _time.GetUtcNow(), _time.GetTimestamp(), config.Loop.FailFast, false,
            LoopSettings.From(config.Loop, new RunOptions(Iterations: 1)));
        _stages.Recorder.OpenTrail(run);
        var merged = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), runId);
        var note = $"shard {shard} of run {runId}: this folder holds only this shard's part; the merged result, with the run's one verdict, is written to {merged} "
            + $"on the machine where `greenlight finish {runId}` runs";
        var history = HistorySession.None;
        IterationResult? facts = null;
        StageStop? stop = null;
        string? reportError = null;
        try
        {
            history = await HistorySession.OpenAsync(_stages.Registry.History, run, _progress, cancellationToken);
            var store = history.Shards ?? throw new InvalidOperationException(ShardRoles.NoShardStore(history));
            var (shardPlan, planError) = await ShardPlanAsync(run, store, history, deployment, shard, cancellationToken);
            if (shardPlan is null)
            {
                await history.DisposeAsync();
                return RunOutcome.Invalid([planError!]);
            }

            run = run with { Plan = Narrow(plan, shardPlan, shard, config.RootDirectory) };
            var tests = run.Plan.Suites.Sum(s => s.OnlyTests?.Count ?? 0);
            _progress.Step("shard", shard.ToString(), $"shard {shard} of run {runId}: {tests} tests in {run.Plan.Suites.Count()} suites (balanced by {shardPlan.BalancedBy}); "
                + $"this shard's results in {directory}; the merged result will be in {merged} where `greenlight finish {runId}` runs", null);
            facts = await _stages.Iteration.RunAsync(run, new IterationStart(1, Deployment.Empty, null, LoopRules.FailingSuites([], history.PreviouslyFailing))
            {
                Shard = new ShardSignal(store, runId, shard, _progress),
            }, history, cancellationToken);
            facts = facts with { Notes = [.. facts.Notes, note] };
            reportError = await ReportAsync(store, runId, shard, directory, facts);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
        }

        await using (history)
        {
            var loop = facts is null ? new LoopResult([], Deployment.Empty) : new LoopResult([ShardRoles.Single(run, facts, _time, _progress)], facts.Deployment);
            var record = _stages.Recorder.Build(run, loop, stop, null, facts is null ? [note] : []);
            await _stages.Recorder.WriteOutputsAsync(record, run.RunDirectory, finished: true);
            var outcome = new RunOutcome(RunJson.Redact(record, _redactor), run.RunDirectory, []);
            return reportError is null ? outcome : outcome with { InternalError = _redactor.Redact(reportError) };
        }
    }

    /// <summary>The shard's results into the store, masked; null when stored (or already stored: a second report is ignored).</summary>
    private async Task<string?> ReportAsync(IShardStore store, string runId, ShardSpec shard, string directory, IterationResult facts)
    {
        var report = new ShardReport
        {
            Shard = shard.Index, Shards = shard.Count, Host = Environment.MachineName, Directory = directory,
            Complete = facts.Stop is null && !facts.Blocked,
            Stop = facts.Stop?.NotRunWhy ?? (facts.Blocked ? "blocked: a critical service did not answer this shard's probes" : null),
            DurationMs = facts.Tests.DurationMs, Suites = facts.Suites, Tests = facts.Tests.Tests, Commands = facts.Tests.Commands,
            Failures = facts.Tests.Failures, Windows = facts.Tests.SuiteWindows, Traffic = facts.Traffic, Probes = facts.Probes.Records,
        };
        var stored = await store.ReportAsync(runId, shard.Index, _redactor.Redact(JsonSerializer.Serialize(report, RunJson.LineOptions)), CancellationToken.None);
        if (!stored.Succeeded)
        {
            _progress.Step("shard", shard.ToString(), $"this shard's results could not be stored: {stored.Error}", false);
            return $"shard {shard}'s results could not be stored: {stored.Error}";
        }

        _progress.Step("shard", shard.ToString(), stored.Value
            ? $"shard {shard} reported {facts.Tests.Tests.Count} tests to run {runId}"
            : $"shard {shard} had already reported to run {runId}: this report is ignored (a shard counts once)", stored.Value ? true : null);
        return null;
    }

    /// <summary>The stored plan, or (first shard) a new one: each suite listed by its runner and split by <see cref="ShardAssigner"/>.</summary>
    private async Task<(ShardPlan? Plan, string? Error)> ShardPlanAsync(
        RunContext run, IShardStore store, HistorySession history, ShardDeployment deployment, ShardSpec shard, CancellationToken cancellationToken)
    {
        var existing = await store.ReadPlanAsync(run.RunId, cancellationToken);
        if (!existing.Succeeded)
        {
            return (null, $"reading run {run.RunId}'s shard plan: {existing.Error}");
        }

        var json = existing.Value;
        if (json is null)
        {
            var urls = deployment.Urls.ToDictionary(kv => kv.Key, kv => new Uri(kv.Value), StringComparer.Ordinal);
            var suites = new List<ShardSuitePlan>();
            var fromHistory = false;
            foreach (var suite in run.Plan.Suites)
            {
                _progress.Step("shard", suite.Id, $"listing {suite.Id} to split it into {shard.Count} shards", null);
                var context = new SuiteRunContext(Path.Combine(run.RunDirectory, "listing", suite.Id), run.Config.RootDirectory,
                    new Dictionary<string, string>(Deploy.ServiceVariables.ForAll(urls)), false);
                var listing = await _stages.Registry.Runner(suite.Runner)!.ListAsync(suite, context, cancellationToken);
                if (listing.Problems.Count > 0 || listing.Tests.Count == 0)
                {
                    suites.Add(new ShardSuitePlan(suite.Id, [], listing.Problems.Count > 0 ? listing.Problems : ["the runner listed no tests"]));
                    continue;
                }

                var medians = await history.MediansMsAsync(run, suite.Id, cancellationToken);
                var known = listing.Tests.Where(t => medians.ContainsKey(ShardSelection.ResultName(suite.Runner, t)))
                    .ToDictionary(t => t, t => medians[ShardSelection.ResultName(suite.Runner, t)], StringComparer.Ordinal);
                fromHistory |= known.Count > 0;
                suites.Add(new ShardSuitePlan(suite.Id, ShardAssigner.Assign(listing.Tests, known, shard.Count), []));
            }

            var proposed = new ShardPlan { Shards = shard.Count, BalancedBy = fromHistory ? "history medians" : "test counts", Suites = suites };
            var stored = await store.PlanAsync(run.RunId, JsonSerializer.Serialize(proposed, RunJson.LineOptions), cancellationToken);
            if (!stored.Succeeded)
            {
                return (null, $"storing run {run.RunId}'s shard plan: {stored.Error}");
            }

            json = stored.Value!;
        }

        var plan = JsonSerializer.Deserialize<ShardPlan>(json, RunJson.LineOptions)!;
        return plan.Shards == shard.Count
            ? (plan, null)
            : (null, $"run {run.RunId} is split into {plan.Shards} shards (its first shard said so), not {shard.Count}: use --shard I/{plan.Shards}");
    }

    /// <summary>The plan with each suite narrowed to this shard's tests; suites and phases it owns nothing of are left out.</summary>
    private static RunPlan Narrow(RunPlan plan, ShardPlan shards, ShardSpec shard, string root)
    {
        var phases = new List<PlannedPhase>();
        foreach (var phase in plan.Phases)
        {
            var suites = new List<SuiteConfig>();
            foreach (var suite in phase.Suites)
            {
                if (shards.Suite(suite.Id) is not { } owned)
                {
                    continue;
                }

                if (owned.Problems.Count > 0)
                {
                    // It could not be listed: shard 1 runs it whole and reports why.
                    if (shard.Index == 1)
                    {
                        suites.Add(suite);
                    }

                    continue;
                }

                var mine = owned.Tests[shard.Index - 1];
                if (mine.Count > 0)
                {
                    suites.Add(suite with { OnlyTests = [.. mine.Select(t => ShardSelection.Target(suite, t, root))] });
                }
            }

            if (suites.Count > 0)
            {
                phases.Add(phase with { Suites = suites });
            }
        }

        return plan with { Phases = phases };
    }
}
