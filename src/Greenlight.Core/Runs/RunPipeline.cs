using Greenlight.Config;
using Greenlight.Config.Loading;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Recording;
using Greenlight.Runs.Sharding;
using Greenlight.Secrets;
using Greenlight.Stages;

namespace Greenlight.Runs;

/// <summary>
/// One run, top to bottom: config → plan → run folder → history → the loop of iterations → services
/// stopped (whatever happens) → the run record, built once with its verdict → history, tracking and
/// the reporters. Stage implementations come from <see cref="StageRegistry"/>; the stages themselves
/// live in one folder each (Gating, Deploying, Probing, Testing, Analysing, Remediating, Recording) and
/// are built once, in <see cref="RunStages"/>. A sharded run's three roles (<see cref="ShardRoles"/>)
/// use the same stages and end through the same <see cref="RunRecorder"/>.
/// </summary>
public sealed class RunPipeline
{
    private readonly RunStages _stages;
    private readonly StageRegistry _registry;
    private readonly TimeProvider _time;
    private readonly SecretRedactor _redactor;
    private readonly IRunProgress _progress;
    private readonly RunRecorder _recorder;
    private readonly DeployOnlyRole _deployOnly;
    private readonly ShardRole _shard;
    private readonly FinishRole _finish;

    public RunPipeline(StageRegistry stages, TimeProvider time, SecretRedactor redactor, IRunProgress progress, Random random, CompositeReporter? reporters = null)
    {
        _stages = new RunStages(stages, time, redactor, progress, random, reporters);
        _registry = stages;
        _time = time;
        _redactor = redactor;
        _progress = _stages.Progress;
        _recorder = _stages.Recorder;
        _deployOnly = new DeployOnlyRole(_stages);
        _shard = new ShardRole(_stages);
        _finish = new FinishRole(_stages);
    }

    public async Task<RunOutcome> RunAsync(string configPath, RunOptions options, CancellationToken cancellationToken)
    {
        var loaded = ConfigLoader.Load(configPath);
        return loaded.Succeeded ? await RunAsync(loaded.Config!, options, cancellationToken) : RunOutcome.Invalid(loaded.Errors);
    }

    public async Task<RunOutcome> RunAsync(GreenlightConfig config, RunOptions options, CancellationToken cancellationToken)
    {
        _stages.AddSecrets(config);
        var planned = Planner.Plan(config, options.Focus);
        if (planned.Plan is not { } plan)
        {
            return RunOutcome.Invalid([planned.Error!]);
        }

        var missing = _registry.Missing(config, plan.Suites);
        if (missing.Count > 0)
        {
            return RunOutcome.Invalid(missing);
        }

        var runId = RunId.Create(_time, _stages.Random);
        var run = new RunContext(config, plan, runId, RunFolder.Create(config.RootDirectory, runId), _time.GetUtcNow(), _time.GetTimestamp(),
            options.FailFast ?? config.Loop.FailFast, options.AnalysisOnly, LoopSettings.From(config.Loop, options));
        _recorder.OpenTrail(run);
        var history = HistorySession.None;
        var loop = new LoopResult([], Deployment.Empty);
        IReadOnlyList<string> recovered = [];
        StageStop? stop = null;
        string? stopError;
        try
        {
            history = await HistorySession.OpenAsync(_registry.History, run, _progress, cancellationToken);
            recovered = await _stages.Recovery.CompleteAsync(run, history);
            loop = await _stages.Loop.RunAsync(run, history, cancellationToken);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            stop = StageStop.From(ex, cancellationToken);
        }
        finally
        {
            stopError = await _stages.StopServicesAsync();
        }

        await using (history)
        {
            return await _recorder.RecordAsync(run, loop, stop, stopError, history, recovered);
        }
    }

    /// <summary><c>greenlight run --deploy-only</c>: the deployment every shard tests, recorded under a run id (<see cref="DeployOnlyRole"/>).</summary>
    /// <param name="givenRunId">The run id to record under (Kubernetes Jobs share one this way); null makes a new one.</param>
    public Task<DeployOnlyOutcome> DeployOnlyAsync(
        GreenlightConfig config, RunOptions options, TimeSpan serveTimeout, string? givenRunId, Action<string> announce, CancellationToken cancellationToken) =>
        _deployOnly.RunAsync(config, options, serveTimeout, givenRunId, announce, cancellationToken);

    /// <summary><c>greenlight run --attach RUN_ID --shard I/N</c>: one shard of the recorded run, reported to the store (<see cref="ShardRole"/>).</summary>
    public Task<RunOutcome> AttachAsync(GreenlightConfig config, string runId, ShardSpec shard, CancellationToken cancellationToken) =>
        _shard.RunAsync(config, runId, shard, cancellationToken);

    /// <summary><c>greenlight finish RUN_ID</c>: every shard merged into the run's one verdict, recorded as <see cref="RunAsync(GreenlightConfig, RunOptions, CancellationToken)"/> records one (<see cref="FinishRole"/>).</summary>
    public Task<RunOutcome> FinishAsync(GreenlightConfig config, string runId, TimeSpan timeout, CancellationToken cancellationToken) =>
        _finish.RunAsync(config, runId, timeout, cancellationToken);

    /// <summary>
    /// A second Ctrl+C: quit now, leaving a folder that says so. Every service is killed at once
    /// (SIGKILL to its process group, no grace), and, unless the run already wrote it, a minimal
    /// run.json and worklog are built from the run's trail, marked interrupted and aborted. Synchronous:
    /// it runs in the signal handler, just before the process exits (130). History is not written.
    /// </summary>
    public void QuitAtOnce()
    {
        _recorder.QuitAtOnce();
        if (_registry.Deployer is IServiceStopper stopper)
        {
            stopper.KillAll();
        }
    }

    /// <summary>
    /// <c>greenlight probe</c>: services with a <c>url</c> are probed where they run; local services are
    /// started for the probe and stopped after it, so the table always describes a real deployment.
    /// Logs go to <c>.greenlight/probes/&lt;id&gt;/logs</c>.
    /// </summary>
    public async Task<ProbeOutcome> ProbeOnlyAsync(GreenlightConfig config, CancellationToken cancellationToken)
    {
        _stages.AddSecrets(config);
        var missing = _registry.Missing(config, []);
        if (missing.Count > 0)
        {
            return new([], [], [], null, missing);
        }

        var id = RunId.Create(_time, _stages.Random);
        var directory = Path.Combine(config.RootDirectory, ".greenlight", "probes", id);
        Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var run = new RunContext(config, new RunPlan("probe", "probe only", []), id, directory, _time.GetUtcNow(), _time.GetTimestamp(), true, false,
            LoopSettings.From(config.Loop, new RunOptions()));
        try
        {
            await using var builds = _stages.Deploy.StartBuilds(run, 1, Deployment.Empty, null, cancellationToken);
            var deployed = await _stages.Deploy.DeployAsync(run, 1, Deployment.Empty, null, builds, cancellationToken);
            if (deployed.Stop is { } stop)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new InvalidOperationException(stop.Error);
            }

            var probes = await _stages.Probes.ProbeAsync(config, deployed.Deployment, null, cancellationToken);
            var excerpts = ServiceHealth.Blocked(deployed.Deployment, probes.Records, [])
                ? await LogExcerpts.ForDownServicesAsync(run, deployed.Deployment, probes.Records, [])
                : [];
            return Redacted(new ProbeOutcome(deployed.Deployment.Services, probes.Records, excerpts, directory, []));
        }
        finally
        {
            await _stages.StopServicesAsync();
        }
    }

    private ProbeOutcome Redacted(ProbeOutcome outcome) => outcome with
    {
        Services = [.. outcome.Services.Select(s => s with { Failure = s.Failure is null ? null : _redactor.Redact(s.Failure) })],
        Probes = [.. outcome.Probes.Select(p => p with { Detail = _redactor.Redact(p.Detail), Url = _redactor.Redact(p.Url) })],
        LogExcerpts = [.. outcome.LogExcerpts.Select(e => e with { Lines = [.. e.Lines.Select(_redactor.Redact)] })],
    };
}
