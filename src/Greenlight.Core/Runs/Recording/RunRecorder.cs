using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs.Testing;
using Greenlight.Secrets;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Recording;

/// <summary>
/// How every run is written down, whichever role runs it: the trail opened with the run's folder, the
/// run record built once with its verdict, the outputs, history and tracking; and, on a second Ctrl+C,
/// the minimal record a run that quits at once leaves instead.
/// </summary>
internal sealed class RunRecorder
{
    private readonly RunTrail _trail;
    private readonly TrackingStage _tracking;
    private readonly CompositeReporter _reporters;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly IRunProgress _progress;

    // Its one changing field: set by QuitAtOnce from the signal handler, read before each write of the outputs.
    private volatile bool _quitting;

    /// <param name="progress">The run's progress, masked and kept in <paramref name="trail"/>.</param>
    public RunRecorder(RunTrail trail, TrackingStage tracking, CompositeReporter reporters, SecretRedactor redactor, TimeProvider time, IRunProgress progress)
    {
        _trail = trail;
        _tracking = tracking;
        _reporters = reporters;
        _redactor = redactor;
        _time = time;
        _progress = progress;
    }

    /// <summary>started.json in the run's folder, then every step in its trail (a killed run can be completed from it).</summary>
    public void OpenTrail(RunContext run) =>
        _trail.Open(run.RunDirectory, [.. run.Config.Services.Select(s => new ServiceRecord { Name = s.Name, Critical = s.Critical })],
            RunJson.Redact(RunRecords.Build(run, NothingRan(run, "not run: the run ended before this suite started"), [], [], new RunEnd(run.StartedAt, 0, false, null, null, null)), _redactor));

    /// <summary>
    /// The record, built once; the outputs first (so a crash after them leaves the run on disk: run.json,
    /// tests.jsonl, the worklog), then history and tracking, then the outputs again with what they did,
    /// with those written only for a finished run (report.html, a CI verdict file). Greenlight's own
    /// failure while doing so is an internal error, not a verdict. After the first outputs and after
    /// history (the save and the comparison), a run of a very large number of tests hands back what
    /// the step left behind (<see cref="LargeSuites"/>), so the next step reuses it instead of growing.
    /// </summary>
    public async Task<RunOutcome> RecordAsync(RunContext run, LoopResult loop, StageStop? stop, string? stopError, HistorySession history, IReadOnlyList<string> recovered)
    {
        try
        {
            var record = Build(run, loop, stop, stopError, recovered);
            var baselines = Baselines(loop);
            await WriteOutputsAsync(record with { History = history.Pending(baselines) }, run.RunDirectory, finished: false);
            LargeSuites.Release(record.Tests.Count);
            var safe = RunJson.Redact(record, _redactor);
            var kept = await history.SaveAsync(safe, HistoryProblems(loop), baselines, CancellationToken.None);
            LargeSuites.Release(record.Tests.Count);
            var tracked = await _tracking.PublishAsync(run, safe with { History = kept });
            record = record with { History = kept, Tracking = tracked, Timeline = _trail.Steps };
            await WriteOutputsAsync(record, run.RunDirectory, finished: true);
            return new RunOutcome(RunJson.Redact(record, _redactor), run.RunDirectory, []);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Greenlight's own failure, not a verdict: history is written only after the outputs, so it holds no entry to contradict this.
            _progress.Step("report", "outputs", $"internal error: {ex.Message}", false);
            return new RunOutcome(null, run.RunDirectory, []) { InternalError = _redactor.Redact($"{ex.GetType().Name}: {ex.Message}") };
        }
    }

    public async Task WriteOutputsAsync(RunRecord record, string directory, bool finished)
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

    /// <summary>The run record, once: the last iteration's facts, every iteration's record and command, the verdict computed from them, and the trail so far.</summary>
    public RunRecord Build(RunContext run, LoopResult loop, StageStop? stop, string? stopError, IReadOnlyList<string> recovered)
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
        return RunRecords.Build(run, facts, loop.Records, loop.Commands, end) with { Timeline = _trail.Steps };
    }

    /// <summary>
    /// The first half of <see cref="RunPipeline.QuitAtOnce"/>: from here the run writes no outputs of its
    /// own, and, unless it already wrote it, a minimal run.json and worklog are built from the run's
    /// trail, marked interrupted and aborted. Synchronous: it runs in the signal handler.
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
        var perSuite = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (suite, tests) in loop.Iterations.SelectMany(i => i.Facts.Tests.Baselines))
        {
            perSuite[suite] = tests;
        }

        return perSuite.Values.Sum();
    }
}
