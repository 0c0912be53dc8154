using Greenlight.Analysis;
using Greenlight.Analysis.Logs;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Runs.Recording;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Testing;

/// <summary>
/// What the tests need: where the services answer (through the proxies), the probes, history, which
/// suites failed last time, and the (non-critical) services that are down, each with why.
/// </summary>
internal sealed record TestInputs(
    IReadOnlyDictionary<string, Uri> ServiceUrls,
    ProxySet Proxies,
    IReadOnlyList<ProbeResult> Probes,
    HistorySession History,
    IReadOnlySet<string> FailingSuites,
    IReadOnlyDictionary<string, string> DownServices)
{
    /// <summary>The shard this run is (<c>--attach … --shard I/N</c>); null for a whole run.</summary>
    public Sharding.ShardSignal? Shard { get; init; }
}

/// <summary>Everything the phases produced, in the order they ran.</summary>
internal sealed record TestStageResult(
    IReadOnlyList<PhaseRecord> Phases,
    IReadOnlyList<SuiteRecord> Suites,
    IReadOnlyList<TestRecord> Tests,
    IReadOnlyList<CommandRecord> Commands,
    IReadOnlyList<FailureOccurrence> Failures,
    IReadOnlyDictionary<string, LogWindow> SuiteWindows,
    IReadOnlyDictionary<string, int> Baselines,
    IReadOnlyList<string> HistoryProblems,
    long DurationMs,
    StageStop? Stop)
{
    public static TestStageResult None { get; } = new([], [], [], [], [], new Dictionary<string, LogWindow>(), new Dictionary<string, int>(), [], 0, null);
}

/// <summary>
/// Runs the plan phase by phase (P1 first), suites that failed last time first inside a phase; each
/// suite through its runner, its failed tests retried (<c>loop.retry_failed</c>), then judged by the
/// proof rules. With fail-fast a phase that misses its criterion ends the tests. A suite that names
/// (<c>services:</c>) a service that is down is not run: its results would mean nothing.
/// </summary>
internal sealed class TestStage(StageRegistry stages, TimeProvider time, IRunProgress progress)
{
    public async Task<TestStageResult> RunAsync(RunContext run, int iteration, TestInputs inputs, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var suites = new List<SuiteOutcome>();
        var phases = new List<PhaseRecord>();
        StageStop? stop = null;
        string? skipped = null;
        try
        {
            foreach (var phase in run.Plan.Phases)
            {
                var inPhase = new List<SuiteOutcome>();
                foreach (var suite in phase.Suites.OrderBy(s => inputs.FailingSuites.Contains(s.Id) ? 0 : 1))
                {
                    inPhase.Add(NeedsDownService(suite, inputs) is { } why
                        ? NotRun(suite, why)
                        : await RunSuiteAsync(run, iteration, suite, inputs, cancellationToken));
                    LargeSuites.Release(inPhase[^1].Tests.Count);
                }

                suites.AddRange(inPhase);
                var record = PhaseEvaluator.Evaluate(phase.Label, [.. inPhase.Select(s => s.Suite)]);
                phases.Add(record);
                if (record.Outcome == StageOutcome.Failed && run.FailFast)
                {
                    skipped = $"fail-fast: phase {phase.Label} missed its criterion";
                    if (inputs.Shard is { } failing)
                    {
                        await failing.PhaseFailedAsync(phase.Label, cancellationToken);
                    }

                    break;
                }

                // A shard stops at a phase boundary when another shard's phase missed its criterion (fail-fast across shards).
                if (run.FailFast && inputs.Shard is { } shard && await shard.StopReasonAsync(cancellationToken) is { } elsewhere)
                {
                    skipped = $"fail-fast across shards: {elsewhere}";
                    break;
                }
            }
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
            skipped = stop.NotRunWhy;
        }

        var (allSuites, allPhases) = skipped is null
            ? (suites.Select(s => s.Suite).ToList(), phases)
            : NotRunSuites.Complete(run.Plan, [.. suites.Select(s => s.Suite)], phases, skipped);
        return new(
            allPhases, allSuites, [.. suites.SelectMany(s => s.Tests)], [.. suites.Select(s => s.Command).OfType<CommandRecord>()],
            [.. suites.SelectMany(s => s.Failures)],
            suites.Where(s => s.Window is not null).ToDictionary(s => s.Suite.Id, s => s.Window!, StringComparer.Ordinal),
            suites.Where(s => s.Baselines is not null).ToDictionary(s => s.Suite.Id, s => s.Baselines!.Value, StringComparer.Ordinal),
            [.. suites.SelectMany(s => s.HistoryProblems)],
            SuiteEvaluator.Ms(time.GetElapsedTime(started)), stop);
    }

    /// <summary>"service 'web' it needs is down: deploy failed: …" for the first such service of the suite; null when all are up.</summary>
    private static string? NeedsDownService(SuiteConfig suite, TestInputs inputs) =>
        suite.Services.FirstOrDefault(inputs.DownServices.ContainsKey) is { } service
            ? $"service '{service}' it needs is down: {inputs.DownServices[service]}"
            : null;

    /// <summary>
    /// After <paramref name="after"/> (the services' builds) has ended, builds what the plan's suites run (their
    /// test projects), once per project, in the order the suites will run, while the services start and are probed.
    /// Never fails: a suite whose build failed reports it when it runs, as it would without the build ahead.
    /// </summary>
    public async Task PrepareAsync(RunContext run, int iteration, Task after, CancellationToken cancellationToken)
    {
        await Deploying.ServiceBuilds.Settled(after);
        var seen = new HashSet<(string Runner, string? Path)>();
        foreach (var suite in run.Plan.Phases.SelectMany(p => p.Suites))
        {
            if (cancellationToken.IsCancellationRequested || !seen.Add((suite.Runner, suite.Path)) || stages.Runner(suite.Runner) is not { } runner)
            {
                continue;
            }

            // Built before the services' addresses are known: the suite's environment is given to its run, not its build.
            var context = new SuiteRunContext(SuiteDirectory(run, iteration, suite), run.Config.RootDirectory, new Dictionary<string, string>(), run.FailFast);
            try
            {
                if (await runner.PrepareAsync(suite, context, cancellationToken) is { } prepared)
                {
                    progress.Step("build", suite.Id, prepared.Line, prepared.Succeeded);
                }
            }
            catch (Exception ex) when (StageStop.Catches(ex))
            {
                return;
            }
        }
    }

    private static string SuiteDirectory(RunContext run, int iteration, SuiteConfig suite) => Path.Combine(run.WorkDirectory(iteration), "suites", suite.Id);

    private SuiteOutcome NotRun(SuiteConfig suite, string why)
    {
        progress.Step("test", suite.Id, $"{suite.Id}: not run: {why}", null);
        return new SuiteOutcome(SuiteEvaluator.NotRun(suite, why), [], null, [], null, null, []);
    }

    private async Task<SuiteOutcome> RunSuiteAsync(RunContext run, int iteration, SuiteConfig suite, TestInputs inputs, CancellationToken cancellationToken)
    {
        progress.Step("test", suite.Id, $"running {suite.Id} ({suite.PriorityLabel}, {suite.Runner})", null);
        var directory = SuiteDirectory(run, iteration, suite);
        Directory.CreateDirectory(directory);
        var testUrls = inputs.Proxies.TestUrls(inputs.ServiceUrls);
        var environment = suite.Environment.ToDictionary(kv => kv.Key, kv => RuntimePlaceholders.ExpandUrls(kv.Value, testUrls));
        foreach (var (name, value) in Deploy.ServiceVariables.ForAll(testUrls))
        {
            environment[name] = value;
        }

        var context = new SuiteRunContext(directory, run.Config.RootDirectory, environment, run.FailFast);
        var trafficBefore = inputs.Proxies.Snapshot().Count;
        var runner = stages.Runner(suite.Runner)!;
        var result = await runner.RunAsync(suite, context, cancellationToken);
        var retries = await new RetryFailed(runner, progress).RunAsync(run.Config.Loop.RetryFailed, run.Config.RootDirectory, suite, context, result, cancellationToken);
        LargeSuites.Release(result.Cases.Count);
        var (window, failures) = FailureCollector.Collect(suite, result);
        var (baselines, baselineProblem) = await inputs.History.BaselinesAsync(run, suite.Id, result.Cases, cancellationToken);
        var (record, tests) = SuiteEvaluator.Evaluate(suite, result);
        await inputs.Proxies.WaitForIdleAsync(cancellationToken);
        IReadOnlyList<TrafficRecord> traffic = [.. inputs.Proxies.Snapshot().Skip(trafficBefore)];
        var recorded = inputs.Proxies.Traffic is not null;
        (record, tests) = SuiteProver.Prove(suite, result, record, tests, traffic, recorded, inputs.Probes, baselines ?? new Dictionary<string, TimeSpan>());
        record = record with { Requests = recorded ? traffic.Count : null };
        string? trafficProblem = null, missingProblem = null;
        if (inputs.Shard is null)
        {
            // A shard holds part of the suite: both compare the whole suite with the last run, so finish checks them on the merged suite.
            // Short reads after the suite has run: a Ctrl+C now must not lose the suite's judged result.
            (record, trafficProblem) = await TrafficDrop.CheckAsync(record, tests, inputs.History.Previous, CancellationToken.None);
            (record, missingProblem) = await MissingTests.CheckAsync(record, tests, result.Expected, inputs.History.Previous, CancellationToken.None);
        }

        var (flaky, flipProblem) = await WithRetriesAsync(run, tests, retries, inputs.History, cancellationToken);
        record = record with
        {
            Output = record.Output is null ? null : run.Relative(record.Output),
            ResultFiles = [.. record.ResultFiles.Select(run.Relative)],
        };
        var summary = $"{record.Passed} passed, {record.Failed} failed, {record.Errors} errors, {record.Skipped} skipped" + (record.TimedOut ? ", timed out" : "");
        progress.Step("test", suite.Id, $"{suite.Id}: {summary} in {Reporting.Format.Duration(record.DurationMs)}", record.Outcome == StageOutcome.Passed);
        var command = new CommandRecord
        {
            Kind = "test", Subject = suite.Id, CommandLine = record.Command ?? "",
            DurationMs = record.DurationMs, ExitCode = record.ExitCode, Summary = summary, Iteration = iteration,
        };
        return new SuiteOutcome(record, flaky, command, failures, window, baselines?.Count, [.. new[] { baselineProblem, trafficProblem, missingProblem, flipProblem }.OfType<string>()]);
    }

    /// <summary>Each retried test's attempts, and for one that passed only on a retry its flip rate from history.</summary>
    private static async Task<(IReadOnlyList<TestRecord> Tests, string? Problem)> WithRetriesAsync(
        RunContext run, IReadOnlyList<TestRecord> tests, IReadOnlyDictionary<string, Retry> retries, HistorySession history, CancellationToken cancellationToken)
    {
        if (retries.Count == 0)
        {
            return (tests, null);
        }

        var (rates, problem) = retries.Values.Any(r => r.Flaky)
            ? await history.FlipRatesAsync(run, cancellationToken)
            : (new Dictionary<(string, string), double>(), null);
        return ([.. tests.Select(t => retries.TryGetValue(t.Name, out var retry)
            ? t with { Attempts = retry.Attempts, Flaky = retry.Flaky, FlipRate = retry.Flaky && rates.TryGetValue((t.Suite, t.Name), out var rate) ? rate : null }
            : t)], problem);
    }

    private sealed record SuiteOutcome(
        SuiteRecord Suite, IReadOnlyList<TestRecord> Tests, CommandRecord? Command, IReadOnlyList<FailureOccurrence> Failures,
        LogWindow? Window, int? Baselines, IReadOnlyList<string> HistoryProblems);
}
