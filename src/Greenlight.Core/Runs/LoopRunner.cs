using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Recording;
using Greenlight.Runs.Remediating;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

/// <summary>An iteration that is over: its facts, the view of the run it gave, its record and the commands it ran (remediation included).</summary>
internal sealed record CompletedIteration(IterationResult Facts, IterationRecord Record, IReadOnlyList<CommandRecord> Commands);

/// <summary>The iterations of a run, and the services they left running.</summary>
internal sealed record LoopResult(IReadOnlyList<CompletedIteration> Iterations, Deployment Deployment)
{
    public IReadOnlyList<IterationRecord> Records => [.. Iterations.Select(i => i.Record)];

    public IReadOnlyList<CommandRecord> Commands => [.. Iterations.SelectMany(i => i.Commands)];
}

/// <summary>
/// The loop: run an iteration; keep the builds its verdict proved good (<see cref="LastGoodKeeper"/>); stop on GREEN, BLOCKED, a spent budget, no remediation or no progress;
/// otherwise hand the evidence bundle to the remediation command and go on with what it changed. It
/// only decides whether to go on; each iteration's work is <see cref="IterationRunner"/>'s.
/// </summary>
internal sealed class LoopRunner(IterationRunner iterations, LastGoodKeeper lastGood, BundleWriter bundles, RemediationStage remediation, CompositeReporter reporters, TimeProvider time, IRunProgress progress)
{
    public async Task<LoopResult> RunAsync(RunContext run, HistorySession history, CancellationToken cancellationToken)
    {
        var done = new List<CompletedIteration>();
        var deployment = Deployment.Empty;
        IReadOnlySet<string>? redeploy = null;
        for (var number = 1; number <= run.Loop.Iterations; number++)
        {
            progress.Step("iteration", Text(number), $"iteration {number} of at most {run.Loop.Iterations}", null);
            var start = new IterationStart(number, deployment, redeploy, LoopRules.FailingSuites([.. done.Select(d => d.Record)], history.PreviouslyFailing));
            var facts = await iterations.RunAsync(run, start, history, cancellationToken);
            deployment = facts.Deployment;
            var view = View(run, facts, done, null);
            progress.Step("iteration", Text(number), $"iteration {number}: {WorklogRenderer.VerdictName(view.Verdict)}", view.Verdict == Verdict.Green);
            // After the verdict, not the probes: only a build whose tests passed with proof becomes a rollback target.
            var kept = await lastGood.KeepAsync(run, facts, view, cancellationToken);
            facts = facts with { Notes = [.. facts.Notes, .. kept.Notes] };
            var next = await AfterTestsAsync(run, facts, view, done, cancellationToken);
            done.Add(next.Iteration);
            if (next.Iteration.Record.StopReason is { } reason)
            {
                progress.Step("loop", reason, $"loop ended: {next.Iteration.Record.StopDetail}", reason == StopReasons.Green);
                break;
            }

            redeploy = next.Redeploy;
        }

        return new LoopResult(done, deployment);
    }

    /// <summary>
    /// The stop decision, the bundle after a RED, UNPROVEN or BLOCKED iteration (a service that would not
    /// start is evidence too: its crash is the root cause), and the remediation when the loop goes on.
    /// </summary>
    private async Task<(CompletedIteration Iteration, IReadOnlySet<string>? Redeploy)> AfterTestsAsync(
        RunContext run, IterationResult facts, RunRecord view, IReadOnlyList<CompletedIteration> done, CancellationToken cancellationToken)
    {
        var number = facts.Number;
        var stop = facts.Stop is { } stopped ? Stopped(stopped) : LoopRules.StopAfterTests(view, number, run.Loop, [.. done.Select(d => d.Record)]);
        string? bundle = null;
        try
        {
            if (facts.Stop is null && view.Verdict is Verdict.Red or Verdict.Unproven or Verdict.Blocked)
            {
                bundle = BundleWriter.RelativePath(run, number);
                // run.json and worklog.md as they stand, so the remediation command can read them.
                var soFar = View(run, facts, done, IterationRecords.Build(facts, view, bundle, null, null, null));
                await reporters.WriteAsync(soFar, run.RunDirectory, CancellationToken.None, finished: false);
                await bundles.WriteAsync(run, number, soFar, facts.Deployment.LogPaths, cancellationToken);
            }

            if (stop is { } end)
            {
                return (Complete(facts, view, bundle, null, end.Reason, end.Detail, null), null);
            }

            var remediated = await remediation.RemediateAsync(run, number, Path.Combine(run.RunDirectory, bundle!), done.All(d => d.Record.Remediation is null), cancellationToken);
            return (Complete(facts, view, bundle, remediated.Record, remediated.StopReason, remediated.StopDetail, remediated.Command), remediated.Redeploy);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            // Bundle or remediation cut short: the run record must still say so (interrupted, or the error).
            var cut = StageStop.From(ex, cancellationToken);
            var (reason, detail) = Stopped(cut);
            return (Complete(facts with { Error = facts.Error ?? cut.Error }, view, bundle, null, reason, detail, null), null);
        }
    }

    private static (string Reason, string Detail) Stopped(StageStop stop) => stop.Interrupted
        ? (StopReasons.Interrupted, "the run was interrupted (Ctrl+C or SIGTERM)")
        : (StopReasons.Error, $"the run stopped on an error: {stop.Error}");

    private static CompletedIteration Complete(IterationResult facts, RunRecord view, string? bundle, RemediationRecord? remediation, string? reason, string? detail, CommandRecord? command) =>
        new(facts, IterationRecords.Build(facts, view, bundle, remediation, reason, detail), command is null ? facts.Commands : [.. facts.Commands, command]);

    /// <summary>The run as it stands with <paramref name="facts"/> last: the iteration's verdict is this view's.</summary>
    private RunRecord View(RunContext run, IterationResult facts, IReadOnlyList<CompletedIteration> done, IterationRecord? current)
    {
        var iterations = done.Select(d => d.Record).Concat(current is null ? [] : [current]).ToList();
        var end = new RunEnd(time.GetUtcNow(), SuiteEvaluator.Ms(time.GetElapsedTime(run.StartTimestamp)),
            facts.Stop?.Interrupted == true, done.Select(d => d.Facts.FirstError).Append(facts.FirstError).FirstOrDefault(e => e is not null), null, null)
        {
            Notes = [.. done.SelectMany(d => d.Facts.Notes), .. facts.Notes],
        };
        return RunRecords.Build(run, facts, iterations, [.. done.SelectMany(d => d.Commands), .. facts.Commands], end);
    }

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
