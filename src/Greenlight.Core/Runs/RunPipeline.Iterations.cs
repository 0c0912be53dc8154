using System.Globalization;
using Greenlight.Model;
using Greenlight.Reporting;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>
    /// The loop of DESIGN.md §3: each iteration gates, deploys (everything first, then only what the
    /// remediation changed), probes, rolls back, tests and gets its own verdict; after a RED or UNPROVEN
    /// one the evidence bundle goes to the remediation command. Services stay up between iterations.
    /// </summary>
    private async Task RunLoopAsync(RunState state, LoopSettings loop, CancellationToken cancellationToken)
    {
        IReadOnlySet<string>? redeploy = null;
        for (var number = 1; number <= loop.Iterations; number++)
        {
            state.BeginIteration(number, time.GetUtcNow(), time.GetTimestamp());
            progress.Step("iteration", Text(number), $"iteration {number} of at most {loop.Iterations}", null);
            await RunIterationAsync(state, loop, redeploy, cancellationToken);
            await AnalyseSafelyAsync(state);
            await StopProxiesAsync(state);
            var iteration = CloseIteration(state);
            progress.Step("iteration", Text(number), $"iteration {number}: {WorklogRenderer.VerdictName(iteration.Verdict)}", iteration.Verdict == Verdict.Green);
            var stop = StopAfterTests(state, iteration, loop);
            if (iteration.Verdict is Verdict.Red or Verdict.Unproven)
            {
                await WriteOutputsSoFarAsync(state);
                await WriteBundleAsync(state, cancellationToken);
            }

            if (stop is not null)
            {
                Stop(state, stop.Value.Reason, stop.Value.Detail);
                return;
            }

            var remediation = await RemediateAsync(state, loop, cancellationToken);
            state.Iterations[^1] = state.Iterations[^1] with { Remediation = remediation.Record };
            if (remediation.StopReason is { } reason)
            {
                Stop(state, reason, remediation.StopDetail!);
                return;
            }

            redeploy = remediation.Redeploy;
        }
    }

    private async Task RunIterationAsync(RunState state, LoopSettings loop, IReadOnlySet<string>? redeploy, CancellationToken cancellationToken)
    {
        await RunGatesAsync(state, redeploy, cancellationToken);
        if (state.Gates.Any(g => !g.Passed))
        {
            state.SkipRemaining("not run: a pre-deploy gate failed, so nothing was deployed");
            return;
        }

        await DeployAllAsync(state, redeploy, cancellationToken);
        await ProbeAllAsync(state, cancellationToken);
        if (state.Blocked && loop.Rollback)
        {
            await RollBackUnhealthyAsync(state, loop.TestAfterRollback, cancellationToken);
        }

        await SaveLastGoodAsync(state, cancellationToken);
        if (state.Blocked)
        {
            state.SkipRemaining(state.BlockedBy.Count > 0 ? "blocked: a critical service was rolled back" : "blocked: a critical service is not healthy");
            await CollectLogExcerptsAsync(state);
            return;
        }

        await StartProxiesAsync(state, cancellationToken);
        await RunPhasesAsync(state, cancellationToken);
    }

    /// <summary>Why the loop ends now (before any remediation), or null to go on.</summary>
    private static (string Reason, string Detail)? StopAfterTests(RunState state, IterationRecord iteration, LoopSettings loop)
    {
        switch (iteration.Verdict)
        {
            case Verdict.Green:
                return (StopReasons.Green, $"iteration {iteration.Number} is GREEN");
            case Verdict.Blocked:
                return (StopReasons.Blocked, $"iteration {iteration.Number} is BLOCKED: {iteration.Reasons.FirstOrDefault()}");
        }

        if (iteration.Number >= loop.Iterations)
        {
            return (StopReasons.Budget, $"the iteration budget ({loop.Iterations}) is spent");
        }

        if (loop.Remediate is null)
        {
            return (StopReasons.NoRemediation, "no remediation command is configured (loop.remediate or --remediate), so another iteration would change nothing");
        }

        var window = state.Iterations.TakeLast(loop.StopWhenNoProgress).ToList();
        if (window.Count == loop.StopWhenNoProgress && window[0].Fingerprints.Count > 0
            && window.All(i => i.Fingerprints.SequenceEqual(window[0].Fingerprints, StringComparer.Ordinal)))
        {
            return (StopReasons.NoProgress, $"the same {window[0].Fingerprints.Count} failure fingerprint(s) persisted {window.Count} iterations in a row");
        }

        return null;
    }

    private IterationRecord CloseIteration(RunState state)
    {
        state.TagCommands();
        state.IterationOpen = false;
        var snapshot = Compute(state);
        var iteration = new IterationRecord
        {
            Number = state.Iteration,
            StartedAt = state.IterationStartedAt,
            DurationMs = Verdicts.SuiteEvaluator.Ms(time.GetElapsedTime(state.IterationTimestamp)),
            Verdict = snapshot.Verdict,
            Reasons = snapshot.Reasons,
            Deployed = [.. state.DeployedThisIteration],
            Gates = snapshot.Gates,
            Rollbacks = snapshot.Rollbacks,
            Services = snapshot.Services,
            Probes = snapshot.Probes,
            Suites = snapshot.Suites,
            Tests = snapshot.Tests,
            Fingerprints = Fingerprints(snapshot),
        };
        state.Iterations.Add(iteration);
        return iteration;
    }

    private void Stop(RunState state, string reason, string detail)
    {
        state.StopReason = reason;
        state.StopDetail = redactor.Redact(detail);
        if (state.Iterations.Count > 0)
        {
            state.Iterations[^1] = state.Iterations[^1] with { StopReason = reason, StopDetail = state.StopDetail };
        }

        progress.Step("loop", reason, $"loop ended: {state.StopDetail}", reason == StopReasons.Green);
    }

    /// <summary>run.json and worklog.md as they stand, so the remediation command can read them.</summary>
    private async Task WriteOutputsSoFarAsync(RunState state) =>
        await RunOutputs.WriteAsync(state.RunDirectory, Compute(state), redactor, CancellationToken.None);

    /// <summary>What failed, normalised: two iterations with equal fingerprints made no progress.</summary>
    internal static IReadOnlyList<string> Fingerprints(RunRecord run) =>
        [.. run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error)
                .Select(t => $"{t.Suite} / {t.Name}: {Analysis.SignatureNormalizer.Normalize(t.Message, null).Key}")
            .Concat(run.Tests.Where(t => t.Outcome == TestOutcome.Passed && t.Reasons.Count > 0)
                .Select(t => $"{t.Suite} / {t.Name}: unproven {string.Join(",", t.Reasons)}"))
            .Concat(run.Suites.Where(s => s.TimedOut).Select(s => $"{s.Id}: timed out"))
            .Concat(run.Gates.Where(g => !g.Passed).Select(g => $"gate {g.Gate}: {string.Join("; ", g.Findings)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Inside a phase, suites that held failing tests in the previous iteration run first; in the first
    /// iteration, those history says were failing at the end of the last run ("suite / test").
    /// </summary>
    private static IEnumerable<Config.SuiteConfig> PreviouslyFailingFirst(RunState state, IEnumerable<Config.SuiteConfig> suites)
    {
        var failing = state.Iterations.Count > 0
            ? state.Iterations[^1].Tests
                .Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error || t.Reasons.Count > 0)
                .Select(t => t.Suite).ToHashSet(StringComparer.Ordinal)
            : state.PreviouslyFailing.Select(t => t.Split(" / ", 2)[0]).ToHashSet(StringComparer.Ordinal);
        return suites.OrderBy(s => failing.Contains(s.Id) ? 0 : 1);
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
