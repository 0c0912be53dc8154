using Greenlight.Config;
using Greenlight.Config.Loading;
using Greenlight.Deploy.LastGood;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Processes;
using Greenlight.Reporting;
using Greenlight.Runs.Analysing;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Gating;
using Greenlight.Runs.Probing;
using Greenlight.Runs.Recording;
using Greenlight.Runs.Remediating;
using Greenlight.Runs.Testing;
using Greenlight.Secrets;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

/// <summary>
/// One run, top to bottom: config → plan → run folder → history → the loop of iterations → services
/// stopped (whatever happens) → the run record, built once with its verdict → history, tracking and
/// the reporters. Stage implementations come from <see cref="StageRegistry"/>; the stages themselves
/// live in one folder each (Gating, Deploying, Probing, Testing, Analysing, Remediating, Recording).
/// </summary>
public sealed partial class RunPipeline
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly StageRegistry _stages;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly IRunProgress _progress;
    private readonly Random _random;
    private readonly CompositeReporter _reporters;
    private readonly DeployStage _deploy;
    private readonly ProbeStage _probes;
    private readonly LoopRunner _loop;
    private readonly TrackingStage _tracking;
    private readonly RunTrail _trail;
    private readonly RecoveryStage _recovery;
    private readonly IterationRunner _iteration;
    private readonly AnalysisStage _analysis;
    private volatile bool _quitting;

    public RunPipeline(StageRegistry stages, TimeProvider time, SecretRedactor redactor, IRunProgress progress, Random random, CompositeReporter? reporters = null)
    {
        _stages = stages;
        _time = time;
        _redactor = redactor;
        // Every step is masked, then kept in the run's trail (so a killed run can be completed) and shown.
        _trail = new RunTrail(progress, time);
        _progress = new RedactingProgress(_trail, redactor);
        _random = random;
        _reporters = reporters ?? CompositeReporter.Default(redactor);
        var processes = new ChildProcess(redactor, time);
        _deploy = new DeployStage(stages, time, _progress);
        _probes = new ProbeStage(stages, time, redactor, _progress);
        _analysis = new AnalysisStage(time, redactor, _progress, new ChangeAttributor(new ChangedFiles(processes), time));
        var iteration = new IterationRunner(new IterationStages(
            new GateStage(processes, time, _progress), _deploy, _probes,
            new RollbackStage(stages, _probes, processes, time, _progress),
            new TestStage(stages, time, _progress), new LivenessStage(stages, _probes, time, _progress), _analysis),
            stages.Proxies, redactor, time, _progress);
        _iteration = iteration;
        _tracking = new TrackingStage(stages.Trackers, time, _progress);
        _recovery = new RecoveryStage(_reporters, redactor, time, _progress);
        _loop = new LoopRunner(iteration, new LastGoodKeeper(time, redactor, _progress), new BundleWriter(processes, redactor, _progress), new RemediationStage(processes, time, _progress), _reporters, time, _progress);
    }

    public async Task<RunOutcome> RunAsync(string configPath, RunOptions options, CancellationToken cancellationToken)
    {
        var loaded = ConfigLoader.Load(configPath);
        return loaded.Succeeded ? await RunAsync(loaded.Config!, options, cancellationToken) : RunOutcome.Invalid(loaded.Errors);
    }

    public async Task<RunOutcome> RunAsync(GreenlightConfig config, RunOptions options, CancellationToken cancellationToken)
    {
        AddSecrets(config);
        var planned = Planner.Plan(config, options.Focus);
        if (planned.Plan is not { } plan)
        {
            return RunOutcome.Invalid([planned.Error!]);
        }

        var missing = _stages.Missing(config, plan.Suites);
        if (missing.Count > 0)
        {
            return RunOutcome.Invalid(missing);
        }

        var runId = RunId.Create(_time, _random);
        var run = new RunContext(config, plan, runId, RunFolder.Create(config.RootDirectory, runId), _time.GetUtcNow(), _time.GetTimestamp(),
            options.FailFast ?? config.Loop.FailFast, options.AnalysisOnly, LoopSettings.From(config.Loop, options));
        OpenTrail(run);
        var history = HistorySession.None;
        var loop = new LoopResult([], Deployment.Empty);
        IReadOnlyList<string> recovered = [];
        StageStop? stop = null;
        string? stopError;
        try
        {
            history = await HistorySession.OpenAsync(_stages.History, run, _progress, cancellationToken);
            recovered = await _recovery.CompleteAsync(run, history);
            loop = await _loop.RunAsync(run, history, cancellationToken);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
        }
        finally
        {
            stopError = await StopServicesAsync();
        }

        await using (history)
        {
            try
            {
                return await RecordAsync(run, loop, stop, stopError, history, recovered);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Greenlight's own failure, not a verdict: history is written only after the outputs, so it holds no entry to contradict this.
                _progress.Step("report", "outputs", $"internal error: {ex.Message}", false);
                return new RunOutcome(null, run.RunDirectory, []) { InternalError = _redactor.Redact($"{ex.GetType().Name}: {ex.Message}") };
            }
        }
    }

    /// <summary>
    /// The record, built once; the outputs first (so a crash after them leaves the run on disk: run.json,
    /// tests.jsonl, the worklog), then history and tracking, then the outputs again with what they did,
    /// with those written only for a finished run (report.html, a CI verdict file).
    /// </summary>
    private async Task<RunOutcome> RecordAsync(RunContext run, LoopResult loop, StageStop? stop, string? stopError, HistorySession history, IReadOnlyList<string> recovered)
    {
        var record = Finish(run, loop, stop, stopError, recovered) with { Timeline = _trail.Steps };
        var baselines = Baselines(loop);
        await WriteOutputsAsync(record with { History = history.Pending(baselines) }, run.RunDirectory, finished: false);
        var safe = RunJson.Redact(record, _redactor);
        var kept = await history.SaveAsync(safe, HistoryProblems(loop), baselines, CancellationToken.None);
        var tracked = await _tracking.PublishAsync(run, safe with { History = kept });
        record = record with { History = kept, Tracking = tracked, Timeline = _trail.Steps };
        await WriteOutputsAsync(record, run.RunDirectory, finished: true);
        return new RunOutcome(RunJson.Redact(record, _redactor), run.RunDirectory, []);
    }

    private async Task WriteOutputsAsync(RunRecord record, string directory, bool finished)
    {
        if (_quitting)
        {
            return;
        }

        foreach (var failure in await _reporters.WriteAsync(record, directory, CancellationToken.None, finished))
        {
            _progress.Step("report", "outputs", failure, false);
        }
    }

    /// <summary>The run record, once: the last iteration's facts, every iteration's record and command, and the verdict computed from them.</summary>
    private RunRecord Finish(RunContext run, LoopResult loop, StageStop? stop, string? stopError, IReadOnlyList<string> recovered)
    {
        var last = loop.Iterations.LastOrDefault();
        var facts = last?.Facts ?? NothingRan(run, stop?.NotRunWhy ?? "not run");
        var interrupted = stop?.Interrupted == true || loop.Iterations.Any(i => i.Facts.Stop?.Interrupted == true || i.Record.StopReason == StopReasons.Interrupted);
        var error = loop.Iterations.Select(i => i.Facts.FirstError).Append(stop?.Error).Append(stopError).FirstOrDefault(e => e is not null);
        var (reason, detail) = last?.Record.StopReason is { } stopped
            ? (stopped, last.Record.StopDetail)
            : interrupted ? (StopReasons.Interrupted, "the run was interrupted (Ctrl+C or SIGTERM)") : (StopReasons.Error, $"the run stopped on an error: {error}");
        if (last?.Record.StopReason is null)
        {
            _progress.Step("loop", reason, $"loop ended: {detail}", false);
        }

        var end = new RunEnd(_time.GetUtcNow(), SuiteEvaluator.Ms(_time.GetElapsedTime(run.StartTimestamp)), interrupted, error, reason, detail)
        {
            Notes = [.. recovered, .. loop.Iterations.SelectMany(i => i.Facts.Notes), .. _redactor.Ignored.Select(i => i.ToString())],
        };
        return RunRecords.Build(run, facts, loop.Records, loop.Commands, end);
    }

    /// <summary>A run cut short before its first iteration: every planned suite is "not run".</summary>
    private IterationResult NothingRan(RunContext run, string why)
    {
        var (suites, phases) = NotRunSuites.Complete(run.Plan, [], [], why);
        return new IterationResult { Number = 1, StartedAt = _time.GetUtcNow(), Deployment = Deployment.Empty, Suites = suites, Phases = phases };
    }

    private static IEnumerable<string> HistoryProblems(LoopResult loop) =>
        loop.Iterations.SelectMany(i => i.Facts.Tests.HistoryProblems.Concat(i.Facts.Analysis.HistoryProblems));

    /// <summary>How many tests had a duration baseline from history (the latest iteration's per suite).</summary>
    private static int Baselines(LoopResult loop)
    {
        var medians = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (suite, tests) in loop.Iterations.SelectMany(i => i.Facts.Tests.Baselines))
        {
            medians[suite] = tests.Count;
        }

        return medians.Values.Sum();
    }

    /// <summary>
    /// A second Ctrl+C: quit now, leaving a folder that says so. Every service is killed at once
    /// (SIGKILL to its process group, no grace), and, unless the run already wrote it, a minimal
    /// run.json and worklog are built from the run's trail, marked interrupted and aborted. Synchronous:
    /// it runs in the signal handler, just before the process exits (130). History is not written.
    /// </summary>
    public void QuitAtOnce()
    {
        // From here the run writes no outputs of its own: the minimal record is the one it leaves.
        _quitting = true;
        if (_trail.Directory is { } directory && !File.Exists(Path.Combine(directory, RunFolder.RunJson)) && RunTrail.Read(directory) is { } trail)
        {
            var record = AbortedRuns.Build(trail.Start, trail.Steps,
                $"quit at once on a second Ctrl+C at {AbortedRuns.Time(_time.GetUtcNow())}: services were killed, not stopped, and nothing was analysed or saved to history", interrupted: true, []);
            _reporters.WriteAsync(record, directory, CancellationToken.None).GetAwaiter().GetResult();
        }

        if (_stages.Deployer is IServiceStopper stopper)
        {
            stopper.KillAll();
        }
    }

    /// <summary>Stops every service Greenlight started; a failure to stop is reported, and the outputs are still written.</summary>
    private async Task<string?> StopServicesAsync()
    {
        if (_stages.Deployer is not { } deployer)
        {
            return null;
        }

        try
        {
            _progress.Step("stop", "services", "stopping services", null);
            using var timeout = new CancellationTokenSource(StopTimeout, _time);
            await deployer.StopAllAsync(timeout.Token);
            _progress.Step("stop", "services", "services stopped", true);
            return null;
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            return $"stopping services failed: {ex.Message}";
        }
    }

    /// <summary>
    /// <c>greenlight probe</c>: services with a <c>url</c> are probed where they run; local services are
    /// started for the probe and stopped after it, so the table always describes a real deployment.
    /// Logs go to <c>.greenlight/probes/&lt;id&gt;/logs</c>.
    /// </summary>
    public async Task<ProbeOutcome> ProbeOnlyAsync(GreenlightConfig config, CancellationToken cancellationToken)
    {
        foreach (var secret in config.SecretValues)
        {
            _redactor.Add(secret);
        }

        var missing = _stages.Missing(config, []);
        if (missing.Count > 0)
        {
            return new([], [], [], null, missing);
        }

        var id = RunId.Create(_time, _random);
        var directory = Path.Combine(config.RootDirectory, ".greenlight", "probes", id);
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var run = new RunContext(config, new RunPlan("probe", "probe only", []), id, directory, _time.GetUtcNow(), _time.GetTimestamp(), true, false,
            LoopSettings.From(config.Loop, new RunOptions()));
        try
        {
            await using var builds = _deploy.StartBuilds(run, 1, Deployment.Empty, null, cancellationToken);
            var deployed = await _deploy.DeployAsync(run, 1, Deployment.Empty, null, builds, cancellationToken);
            if (deployed.Stop is { } stop)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException(stop.Error);
            }

            var probes = await _probes.ProbeAsync(config, deployed.Deployment, null, cancellationToken);
            var excerpts = ServiceHealth.Blocked(deployed.Deployment, probes.Records, [])
                ? await LogExcerpts.ForDownServicesAsync(run, deployed.Deployment, probes.Records, [])
                : [];
            return Redacted(new ProbeOutcome(deployed.Deployment.Services, probes.Records, excerpts, directory, []));
        }
        finally
        {
            await StopServicesAsync();
        }
    }

    private ProbeOutcome Redacted(ProbeOutcome outcome) => outcome with
    {
        Services = [.. outcome.Services.Select(s => s with { Failure = s.Failure is null ? null : _redactor.Redact(s.Failure) })],
        Probes = [.. outcome.Probes.Select(p => p with { Detail = _redactor.Redact(p.Detail), Url = _redactor.Redact(p.Url) })],
        LogExcerpts = [.. outcome.LogExcerpts.Select(e => e with { Lines = [.. e.Lines.Select(_redactor.Redact)] })],
    };
}
