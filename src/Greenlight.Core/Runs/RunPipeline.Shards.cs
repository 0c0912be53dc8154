using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Runs.Analysing;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Gating;
using Greenlight.Runs.Probing;
using Greenlight.Runs.Recording;
using Greenlight.Runs.Sharding;
using Greenlight.Runs.Testing;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

/// <summary>What <c>greenlight run --deploy-only</c> ended with: the run id it recorded (null when it recorded none) and its exit code.</summary>
public sealed record DeployOnlyOutcome(int ExitCode, string? RunId, string? Directory, IReadOnlyList<string> Errors)
{
    public static DeployOnlyOutcome Invalid(IEnumerable<string> errors) => new((int)Verdict.ConfigError, null, null, [.. errors]);
}

/// <summary>
/// One run in three roles that meet in the history store: <see cref="DeployOnlyAsync"/> deploys, probes
/// and records the deployment under a new run id; <see cref="AttachAsync"/> runs one shard of every
/// selected suite against it (its own proxies, probes and proof) and reports; <see cref="FinishAsync"/>
/// waits for every shard, merges, analyses and records the one verdict through the same
/// <see cref="RecordAsync"/> a single-machine run ends with (docs/scale.md).
/// </summary>
public sealed partial class RunPipeline
{
    private static readonly TimeSpan ShardPoll = TimeSpan.FromSeconds(1);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex RunIdShape();

    /// <summary>
    /// Gates, deploy, probes and rollback as a run's first iteration does them, then no tests: the
    /// deployment (URLs, revisions, probes) is recorded under a new run id, which <paramref name="announce"/>
    /// gets. Services Greenlight started itself stay up in this process until <c>greenlight finish</c> marks
    /// the run finished, <paramref name="serveTimeout"/> passes or the process is stopped; then they are stopped.
    /// </summary>
    /// <param name="givenRunId">The run id to record under (Kubernetes Jobs share one this way); null makes a new one.</param>
    public async Task<DeployOnlyOutcome> DeployOnlyAsync(
        GreenlightConfig config, RunOptions options, TimeSpan serveTimeout, string? givenRunId, Action<string> announce, CancellationToken cancellationToken)
    {
        AddSecrets(config);
        if (givenRunId is not null && !RunIdShape().IsMatch(givenRunId))
        {
            return DeployOnlyOutcome.Invalid([NotARunId(givenRunId)]);
        }

        var planned = Planner.Plan(config, options.Focus);
        if (planned.Plan is not { } plan)
        {
            return DeployOnlyOutcome.Invalid([planned.Error!]);
        }

        var missing = _stages.Missing(config, []);
        if (missing.Count > 0)
        {
            return DeployOnlyOutcome.Invalid(missing);
        }

        var runId = givenRunId ?? RunId.Create(_time, _random);
        var directory = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), runId, "deploy");
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var run = new RunContext(config, plan, runId, directory, _time.GetUtcNow(), _time.GetTimestamp(),
            options.FailFast ?? config.Loop.FailFast, false, LoopSettings.From(config.Loop, options));
        OpenTrail(run);
        var history = HistorySession.None;
        try
        {
            history = await HistorySession.OpenAsync(_stages.History, run, _progress, cancellationToken);
            if (history.Shards is not { } store)
            {
                return DeployOnlyOutcome.Invalid([NoShardStore(history)]);
            }

            var facts = await _iteration.RunAsync(run, new IterationStart(1, Deployment.Empty, null, new HashSet<string>()) { DeployOnly = true }, history, cancellationToken);
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
            var json = _redactor.Redact(JsonSerializer.Serialize(deployment, RunJson.LineOptions));
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
            await StopServicesAsync();
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

                await Task.Delay(ShardPoll, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _progress.Step("serve", runId, "interrupted: stopping the services", false);
        }
    }

    /// <summary>
    /// Shard <paramref name="shard"/> of the recorded run: the plan of the deploy-only run, narrowed to the
    /// tests this shard owns; every service taken as a <c>url:</c> service at its recorded URL, behind this
    /// process's own recording proxies; probes and proof as usual. Its record goes to
    /// <c>runs/&lt;id&gt;/shards/&lt;i&gt;/</c>, its report to the store.
    /// </summary>
    public async Task<RunOutcome> AttachAsync(GreenlightConfig config, string runId, ShardSpec shard, CancellationToken cancellationToken)
    {
        AddSecrets(config);
        var (deployment, error) = await ReadDeploymentAsync(config, runId, cancellationToken);
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
        var missing = _stages.Missing(shardConfig, plan.Suites);
        if (missing.Count > 0)
        {
            return RunOutcome.Invalid(missing);
        }

        var directory = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), runId, "shards", shard.Index.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var run = new RunContext(shardConfig, plan, runId, directory, _time.GetUtcNow(), _time.GetTimestamp(), config.Loop.FailFast, false,
            LoopSettings.From(config.Loop, new RunOptions(Iterations: 1)));
        OpenTrail(run);
        var merged = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), runId);
        var note = $"shard {shard} of run {runId}: this folder holds only this shard's part; the merged result, with the run's one verdict, is written to {merged} "
            + $"on the machine where `greenlight finish {runId}` runs";
        var history = HistorySession.None;
        IterationResult? facts = null;
        StageStop? stop = null;
        string? reportError = null;
        try
        {
            history = await HistorySession.OpenAsync(_stages.History, run, _progress, cancellationToken);
            var store = history.Shards ?? throw new InvalidOperationException(NoShardStore(history));
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
            facts = await _iteration.RunAsync(run, new IterationStart(1, Deployment.Empty, null, LoopRules.FailingSuites([], history.PreviouslyFailing))
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
            var loop = facts is null ? new LoopResult([], Deployment.Empty) : new LoopResult([Single(run, facts)], facts.Deployment);
            var record = Finish(run, loop, stop, null, facts is null ? [note] : []) with { Timeline = _trail.Steps };
            await WriteOutputsAsync(record, run.RunDirectory, finished: true);
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
                var listing = await _stages.Runner(suite.Runner)!.ListAsync(suite, context, cancellationToken);
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

    /// <summary>
    /// <c>greenlight finish</c>: waits until every shard of the plan reported (or <paramref name="timeout"/>),
    /// merges their reports into one test stage, analyses it, and records the run as a single-machine run
    /// records its one iteration: run.json, worklog, report, history and tracking in <c>runs/&lt;id&gt;/</c>.
    /// </summary>
    public async Task<RunOutcome> FinishAsync(GreenlightConfig config, string runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        AddSecrets(config);
        var (deployment, error) = await ReadDeploymentAsync(config, runId, cancellationToken);
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
        OpenTrail(run);
        var history = HistorySession.None;
        var loop = new LoopResult([], Deployment.Empty);
        StageStop? stop = null;
        try
        {
            history = await HistorySession.OpenAsync(_stages.History, run, _progress, cancellationToken);
            var store = history.Shards ?? throw new InvalidOperationException(NoShardStore(history));
            var (shards, reports, why) = await WaitForShardsAsync(store, runId, deployment.Ready, timeout, cancellationToken);
            var facts = await MergedFactsAsync(run, deployment, shards, reports, why, history);
            var analysis = await _analysis.AnalyseAsync(run, new AnalysisInput(
                facts.Deployment, facts.Probes, [], new Dictionary<string, ReplacedRevision>(), facts.Tests.Failures, facts.Tests.SuiteWindows,
                facts.Traffic, facts.StartedAt), history);
            facts = facts with { Analysis = analysis, Error = analysis.Error };
            loop = new LoopResult([Single(run, facts)], facts.Deployment);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
        }

        await using (history)
        {
            try
            {
                return await RecordAsync(run, loop, stop, null, history, []);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _progress.Step("report", "outputs", $"internal error: {ex.Message}", false);
                return new RunOutcome(null, run.RunDirectory, []) { InternalError = _redactor.Redact($"{ex.GetType().Name}: {ex.Message}") };
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

            await Task.Delay(ShardPoll, _time, cancellationToken);
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

    /// <summary>A sharded role's one iteration, with the loop's stop decision for it (a sharded run does not remediate).</summary>
    private CompletedIteration Single(RunContext run, IterationResult facts)
    {
        var end = new RunEnd(_time.GetUtcNow(), SuiteEvaluator.Ms(_time.GetElapsedTime(run.StartTimestamp)), facts.Stop?.Interrupted == true, facts.FirstError, null, null)
        {
            Notes = facts.Notes,
        };
        var view = RunRecords.Build(run, facts, [], facts.Commands, end);
        var (reason, detail) = facts.Stop is { } stop
            ? stop.Interrupted ? (StopReasons.Interrupted, "the run was interrupted (Ctrl+C or SIGTERM)") : (StopReasons.Error, $"the run stopped on an error: {stop.Error}")
            : LoopRules.StopAfterTests(view, 1, run.Loop with { Iterations = 1 }, []) ?? (StopReasons.Budget, "a sharded run has one iteration");
        _progress.Step("loop", reason, $"loop ended: {detail}", reason == StopReasons.Green);
        return new CompletedIteration(facts, IterationRecords.Build(facts, view, null, null, reason, detail), facts.Commands);
    }

    private async Task<(ShardDeployment? Deployment, string? Error)> ReadDeploymentAsync(GreenlightConfig config, string runId, CancellationToken cancellationToken)
    {
        if (!RunIdShape().IsMatch(runId))
        {
            return (null, NotARunId(runId));
        }

        if (_stages.History is null)
        {
            return (null, "a sharded run's roles meet in the history store, and this build has none");
        }

        var opened = await _stages.History.OpenAsync(config.HistoryStore, config.RootDirectory, cancellationToken);
        if (!opened.Succeeded)
        {
            return (null, $"history unavailable: {opened.Error}");
        }

        await using var history = opened.Value!;
        if ((history as IShardStoreProvider)?.Shards is not { } store)
        {
            return (null, $"{history.Description} cannot coordinate shards");
        }

        var json = await store.DeploymentAsync(runId, cancellationToken);
        if (!json.Succeeded)
        {
            return (null, $"reading run {runId} from {history.Description}: {json.Error}");
        }

        if (json.Value is null)
        {
            return (null, $"no deploy-only run recorded run id '{runId}' in {history.Description}: start one with `greenlight run --deploy-only` (every role must use the same history: store)");
        }

        var deployment = JsonSerializer.Deserialize<ShardDeployment>(json.Value, RunJson.LineOptions)!;
        return deployment.Project == config.Project
            ? (deployment, null)
            : (null, $"run {runId} belongs to project '{deployment.Project}', not '{config.Project}'");
    }

    private static string NotARunId(string text) => $"'{text}' is not a run id (letters, digits and '-', up to 64, as `greenlight run --deploy-only` prints it)";

    private static string NoShardStore(HistorySession history) => history.Description is { } store
        ? $"{store} cannot coordinate shards"
        : "a sharded run's roles meet in the history store, and none could be opened (see the history line above); set history: {postgres: …} in greenlight.yaml";

    private void AddSecrets(GreenlightConfig config)
    {
        foreach (var secret in config.SecretValues)
        {
            _redactor.Add(secret);
        }
    }

    /// <summary>started.json in the run's folder, then every step in its trail (a killed run can be completed from it).</summary>
    private void OpenTrail(RunContext run) =>
        _trail.Open(run.RunDirectory, [.. run.Config.Services.Select(s => new ServiceRecord { Name = s.Name, Critical = s.Critical })],
            RunJson.Redact(RunRecords.Build(run, NothingRan(run, "not run: the run ended before this suite started"), [], [], new RunEnd(run.StartedAt, 0, false, null, null, null)), _redactor));
}
