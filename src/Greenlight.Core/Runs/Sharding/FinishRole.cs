using System.Globalization;
using System.Text.Json;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Runs.Analysing;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Gating;
using Greenlight.Runs.Probing;
using Greenlight.Runs.Recording;
using Greenlight.Runs.Testing;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Sharding;

/// <summary><c>greenlight finish RUN_ID</c>, the last of a sharded run's roles (<see cref="ShardRoles"/>): the run's one verdict.</summary>
internal sealed class FinishRole
{
    private readonly RunStages _stages;
    private readonly TimeProvider _time;
    private readonly IRunProgress _progress;

    public FinishRole(RunStages stages)
    {
        _stages = stages;
        _time = stages.Time;
        _progress = stages.Progress;
    }

    /// <summary>
    /// <c>greenlight finish</c>: waits until every shard of the plan reported (or <paramref name="timeout"/>),
    /// merges their reports into one test stage, analyses it, and records the run as a single-machine run
    /// records its one iteration: run.json, worklog, report, history and tracking in <c>runs/&lt;id&gt;/</c>.
    /// </summary>
    public async Task<RunOutcome> RunAsync(GreenlightConfig config, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stages.AddSecrets(config);
        var (deployment, error) = await ShardRoles.ReadDeploymentAsync(_stages.Registry.History, config, runId, cancellationToken);
        if (deployment is null)
        {
            return RunOutcome.Invalid([error!]);
        }

        var planned = Planner.Plan(config, deployment.Focus);
        if (planned.Plan is not { } plan)
        {
            return RunOutcome.Invalid([planned.Error!]);
        }

        var run = new RunContext(config, plan, runId, RunFolder.Create(config.RootDirectory, runId), deployment.StartedAt, _time.GetTimestamp(),
            config.Loop.FailFast, false, LoopSettings.From(config.Loop, new RunOptions(Iterations: 1)));
        _stages.Recorder.OpenTrail(run);
        var history = HistorySession.None;
        var loop = new LoopResult([], Deployment.Empty);
        StageStop? stop = null;
        try
        {
            history = await HistorySession.OpenAsync(_stages.Registry.History, run, _progress, cancellationToken);
            var store = history.Shards ?? throw new InvalidOperationException(ShardRoles.NoShardStore(history));
            var (shards, reports, why) = await WaitForShardsAsync(store, runId, deployment.Ready, timeout, cancellationToken);
            var facts = await MergedFactsAsync(run, deployment, shards, reports, why, history);
            var analysis = await _stages.Analysis.AnalyseAsync(run, new AnalysisInput(
                facts.Deployment, facts.Probes, [], new Dictionary<string, ReplacedRevision>(), facts.Tests.Failures, facts.Tests.SuiteWindows,
                facts.Traffic, facts.StartedAt), history);
            facts = facts with { Analysis = analysis, Error = analysis.Error };
            loop = new LoopResult([ShardRoles.Single(run, facts, _time, _progress)], facts.Deployment);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
        }

        await using (history)
        {
            try
            {
                return await _stages.Recorder.RecordAsync(run, loop, stop, null, history, []);
            }
            finally
            {
                // Whatever the verdict: the deploy-only run may stop its services now.
                if (history.Shards is { } store && await store.MarkFinishedAsync(runId, CancellationToken.None) is { Succeeded: false } marked)
                {
                    _progress.Step("finish", runId, $"could not tell the deploy-only run that run {runId} is finished: {marked.Error}", false);
                }
            }
        }
    }

    private async Task<(ShardPlan? Plan, IReadOnlyDictionary<int, ShardReport> Reports, string Why)> WaitForShardsAsync(
        IShardStore store, string runId, bool ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var seen = -1;
        while (true)
        {
            var planJson = await store.ReadPlanAsync(runId, cancellationToken);
            var reportsJson = await store.ReportsAsync(runId, cancellationToken);
            if (!planJson.Succeeded || !reportsJson.Succeeded)
            {
                throw new InvalidOperationException($"reading the shards of run {runId}: {planJson.Error ?? reportsJson.Error}");
            }

            var plan = planJson.Value is { } p ? JsonSerializer.Deserialize<ShardPlan>(p, RunJson.LineOptions) : null;
            var reports = reportsJson.Value!
                .Where(r => plan is null || r.Key <= plan.Shards)
                .ToDictionary(r => r.Key, r => JsonSerializer.Deserialize<ShardReport>(r.Value, RunJson.LineOptions)!);
            if (!ready)
            {
                return (plan, reports, "the deployment was not ready");
            }

            if (plan is not null && Enumerable.Range(1, plan.Shards).All(reports.ContainsKey))
            {
                _progress.Step("finish", runId, $"all {plan.Shards} shards of run {runId} reported", true);
                return (plan, reports, "");
            }

            if (reports.Count != seen)
            {
                seen = reports.Count;
                _progress.Step("finish", runId, $"waiting for the shards of run {runId}: {reports.Count} of {plan?.Shards.ToString(CultureInfo.InvariantCulture) ?? "?"} reported", null);
            }

            var waited = _time.GetElapsedTime(started);
            if (waited >= timeout)
            {
                var missing = plan is null ? "no shard started" : string.Join(", ", Enumerable.Range(1, plan.Shards).Where(s => !reports.ContainsKey(s)).Select(s => $"{s}/{plan.Shards}"));
                _progress.Step("finish", runId, $"timed out after {Format.Duration(SuiteEvaluator.Ms(timeout))} waiting for shards: {missing}", false);
                return (plan, reports, $"`greenlight finish` waited {Format.Duration(SuiteEvaluator.Ms(timeout))} for it");
            }

            await Task.Delay(ShardRoles.Poll, _time, cancellationToken);
        }
    }

    /// <summary>The recorded deployment and the merged shards as the facts of one iteration.</summary>
    private static async Task<IterationResult> MergedFactsAsync(RunContext run, ShardDeployment deployment, ShardPlan? shards, IReadOnlyDictionary<int, ShardReport> reports, string why, HistorySession history)
    {
        var facts = new IterationResult
        {
            Number = 1, StartedAt = deployment.StartedAt,
            Deployment = new Deployment(deployment.Services, deployment.Urls.ToDictionary(kv => kv.Key, kv => new Uri(kv.Value), StringComparer.Ordinal),
                deployment.LogPaths, new HashSet<string>(StringComparer.Ordinal)),
            Deployed = [.. deployment.Services.Select(s => s.Name)], DeployMs = deployment.DeployMs,
            Probes = new ProbeStageResult(deployment.Probes, [], deployment.ProbeMs),
            Gates = new GateStageResult(deployment.Gates, [], null),
            BlockedBy = deployment.BlockedBy.Where(_ => deployment.Gates.All(g => g.Passed)).ToList(),
            Commands = deployment.Commands,
        };
        if (!deployment.Ready)
        {
            var notRun = facts.Gates.Passed ? "blocked: the deployment was not ready, so no shard ran" : "not run: a pre-deploy gate failed, so nothing was deployed";
            var (notRunSuites, notRunPhases) = NotRunSuites.Complete(run.Plan, [], [], notRun);
            return facts with { Suites = notRunSuites, Phases = notRunPhases };
        }

        var tests = ShardMerge.Merge(run.Plan, shards, reports, why);
        // Both compare the whole suite with the last run, so they are checked here, on the merged suite.
        var suites = new List<SuiteRecord>();
        var problems = new List<string>();
        foreach (var suite in tests.Suites)
        {
            var own = tests.Tests.Where(t => t.Suite == suite.Id).ToList();
            var (dropped, trafficProblem) = await TrafficDrop.CheckAsync(suite, own, history.Previous, CancellationToken.None);
            var (@checked, missingProblem) = await MissingTests.CheckAsync(dropped, own, [], history.Previous, CancellationToken.None);
            suites.Add(@checked);
            problems.AddRange(new[] { trafficProblem, missingProblem }.OfType<string>());
        }

        var phases = run.Plan.Phases.Select(p => PhaseEvaluator.Evaluate(p.Label, [.. suites.Where(s => p.Suites.Any(c => c.Id == s.Id))])).ToList();
        tests = tests with { Suites = suites, Phases = phases, HistoryProblems = [.. tests.HistoryProblems, .. problems] };
        return facts with
        {
            Tests = tests, Suites = suites, Phases = phases, Commands = [.. facts.Commands, .. tests.Commands],
            Traffic = [.. reports.OrderBy(r => r.Key).SelectMany(r => r.Value.Traffic)],
            Notes = [.. reports.OrderBy(r => r.Key).Select(r => $"shard {r.Key}/{r.Value.Shards} ran on {r.Value.Host} ({r.Value.Directory}): {r.Value.Tests.Count} tests in {Format.Duration(r.Value.DurationMs)}")],
        };
    }
}
