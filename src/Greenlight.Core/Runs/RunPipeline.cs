using Greenlight.Config.Loading;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Secrets;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

/// <summary>
/// One run, top to bottom: config → run folder → deploy → probe → plan → phases → verdict → outputs,
/// and services are stopped whatever happens. Stage implementations come from <see cref="StageRegistry"/>.
/// </summary>
public sealed partial class RunPipeline(StageRegistry stages, TimeProvider time, SecretRedactor redactor, IRunProgress progress, Random random)
{
    private readonly Processes.ChildProcess _processes = new(redactor, time);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public async Task<RunOutcome> RunAsync(string configPath, RunOptions options, CancellationToken cancellationToken)
    {
        var loaded = ConfigLoader.Load(configPath);
        if (!loaded.Succeeded)
        {
            return RunOutcome.Invalid(loaded.Errors);
        }

        var config = loaded.Config!;
        foreach (var secret in config.SecretValues)
        {
            redactor.Add(secret);
        }

        var planned = Planner.Plan(config, options.Focus);
        if (planned.Plan is not { } plan)
        {
            return RunOutcome.Invalid([planned.Error!]);
        }

        var missing = stages.Missing(config, plan.Suites);
        if (missing.Count > 0)
        {
            return RunOutcome.Invalid(missing);
        }

        var runId = RunId.Create(time, random);
        var runDirectory = RunFolder.Create(config.RootDirectory, runId);
        var state = new RunState(config, plan, runDirectory, time.GetUtcNow(), time.GetTimestamp(), options.FailFast ?? config.Loop.FailFast)
        {
            RunId = runId,
            AnalysisOnly = options.AnalysisOnly,
        };
        try
        {
            await OpenHistoryAsync(state, runId, cancellationToken);
            await RunLoopAsync(state, LoopSettings.From(config.Loop, options), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            state.Interrupted = true;
            state.SkipRemaining("interrupted");
        }
#pragma warning disable CA1031 // The run must still stop services and write what it saw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            state.Error = redactor.Redact(ex.Message);
            state.SkipRemaining("not run: the run stopped on an error");
        }
        finally
        {
            await StopProxiesAsync(state);
            await StopAllSafelyAsync(state);
        }

        if (state.IterationOpen)
        {
            // Cut short by Ctrl+C or an error: what failed before is still worth explaining.
            await AnalyseSafelyAsync(state);
        }

        var record = await CompleteRecordAsync(state, Finish(state), CancellationToken.None);
        await CloseHistoryAsync(state);
        record = await TrackAsync(state, record);
        await RunOutputs.WriteAsync(runDirectory, record, redactor, CancellationToken.None);
        return new RunOutcome(record, runDirectory, []);
    }

    private async Task StopAllSafelyAsync(RunState state)
    {
        try
        {
            await StopAllAsync();
        }
#pragma warning disable CA1031 // A failure to stop is recorded; the outputs must still be written.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            state.Error ??= redactor.Redact($"stopping services failed: {ex.Message}");
        }
    }

    private async Task StopAllAsync()
    {
        if (stages.Deployer is not { } deployer)
        {
            return;
        }

        progress.Step("stop", "services", "stopping services", null);
        using var timeout = new CancellationTokenSource(StopTimeout, time);
        await deployer.StopAllAsync(timeout.Token);
        progress.Step("stop", "services", "services stopped", true);
    }

    /// <summary>The run record with its verdict: that of the last iteration, closing it first when an interruption or error cut it short.</summary>
    private RunRecord Finish(RunState state)
    {
        if (state.IterationOpen)
        {
            CloseIteration(state);
        }

        if (state.StopReason is null)
        {
            var reason = state.Interrupted ? StopReasons.Interrupted : StopReasons.Error;
            Stop(state, reason, state.Interrupted ? "the run was interrupted (Ctrl+C or SIGTERM)" : $"the run stopped on an error: {state.Error}");
        }

        return Compute(state);
    }

    private RunRecord Compute(RunState state)
    {
        var ended = time.GetUtcNow();
        var run = state.ToRecord(state.RunId, ended, time.GetElapsedTime(state.StartTimestamp));
        var verdict = VerdictCalculator.Compute(run);
        return run with
        {
            Verdict = verdict.Verdict,
            ExitCode = (int)verdict.Verdict,
            Reasons = [.. verdict.Reasons.Select(redactor.Redact)],
            NextAction = redactor.Redact(verdict.NextAction),
        };
    }

    /// <summary>The variable a service's URL reaches test processes in: GREENLIGHT_&lt;SERVICE&gt;_URL.</summary>
    public static string UrlVariable(string service) => Deploy.ServiceVariables.UrlVariable(service);
}
