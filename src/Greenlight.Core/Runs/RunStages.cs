using Greenlight.Config;
using Greenlight.Deploy.LastGood;
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

namespace Greenlight.Runs;

/// <summary>
/// The stages of a run, built once per <see cref="RunPipeline"/> and used by the single-machine run
/// and by the sharded roles (<c>Runs/Sharding</c>) alike: every stage is given the masked progress that
/// the run's trail keeps, and the run ends through one <see cref="RunRecorder"/>. Its properties are
/// set once, here, and never replaced.
/// </summary>
internal sealed class RunStages
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public RunStages(StageRegistry registry, TimeProvider time, SecretRedactor redactor, IRunProgress progress, Random random, CompositeReporter? reporters)
    {
        Registry = registry;
        Time = time;
        Redactor = redactor;
        Random = random;
        // Every step is masked, then kept in the run's trail (so a killed run can be completed) and shown.
        var trail = new RunTrail(progress, time);
        Progress = new RedactingProgress(trail, redactor);
        var outputs = reporters ?? CompositeReporter.Default(redactor);
        var processes = new ChildProcess(redactor, time);
        Deploy = new DeployStage(registry, time, Progress);
        Probes = new ProbeStage(registry, time, redactor, Progress);
        Analysis = new AnalysisStage(time, redactor, Progress, new ChangeAttributor(new ChangedFiles(processes), time));
        Iteration = new IterationRunner(new IterationStages(
            new GateStage(processes, time, Progress), Deploy, Probes,
            new RollbackStage(registry, Probes, processes, time, Progress),
            new TestStage(registry, time, Progress), new LivenessStage(registry, Probes, time, Progress), Analysis),
            registry.Proxies, redactor, time, Progress);
        Recovery = new RecoveryStage(outputs, redactor, time, Progress);
        Loop = new LoopRunner(Iteration, new LastGoodKeeper(time, redactor, Progress), new BundleWriter(processes, redactor, Progress), new RemediationStage(processes, time, Progress), outputs, time, Progress);
        Recorder = new RunRecorder(trail, new TrackingStage(registry.Trackers, time, Progress), outputs, redactor, time, Progress);
    }

    /// <summary>The implementations the stages use: deployer, probes, runners, history, trackers.</summary>
    public StageRegistry Registry { get; }

    public TimeProvider Time { get; }

    public SecretRedactor Redactor { get; }

    /// <summary>The run's progress: masked, kept in its trail, then shown.</summary>
    public IRunProgress Progress { get; }

    public Random Random { get; }

    public DeployStage Deploy { get; }

    public ProbeStage Probes { get; }

    public AnalysisStage Analysis { get; }

    /// <summary>One iteration's stages, gates to analysis.</summary>
    public IterationRunner Iteration { get; }

    public LoopRunner Loop { get; }

    public RecoveryStage Recovery { get; }

    /// <summary>The run's trail, its record and its outputs.</summary>
    public RunRecorder Recorder { get; }

    /// <summary>The config's secrets join the redactor before anything runs.</summary>
    public void AddSecrets(GreenlightConfig config)
    {
        foreach (var secret in config.SecretValues)
        {
            Redactor.Add(secret);
        }
    }

    /// <summary>Stops every service Greenlight started; a failure to stop is reported, and the outputs are still written.</summary>
    public async Task<string?> StopServicesAsync()
    {
        if (Registry.Deployer is not { } deployer)
        {
            return null;
        }

        try
        {
            Progress.Step("stop", "services", "stopping services", null);
            using var timeout = new CancellationTokenSource(StopTimeout, Time);
            await deployer.StopAllAsync(timeout.Token);
            Progress.Step("stop", "services", "services stopped", true);
            return null;
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            return $"stopping services failed: {ex.Message}";
        }
    }
}
