using Greenlight.Model;

namespace Greenlight.Verdicts;

/// <summary>The verdict, its reasons and the next action, computed from the facts a run recorded, never asserted (docs/cli.md, "Exit codes").</summary>
public static class VerdictCalculator
{
    public sealed record Result(Verdict Verdict, IReadOnlyList<string> Reasons, string NextAction);

    public static Result Compute(RunRecord run)
    {
        var verdict = Judge(run);
        return verdict with { Reasons = [.. verdict.Reasons, .. Flaky(run)] };
    }

    /// <summary>A test that failed and then passed on a retry is named: it counted as failed, never green.</summary>
    private static IEnumerable<string> Flaky(RunRecord run) =>
        run.Tests.Where(t => t.Flaky).Select(t => $"flaky: {t.Suite} / {t.Name} failed, then passed on a retry ({t.Attempts} attempts); counted as failed, never green");

    private static Result Judge(RunRecord run)
    {
        var notes = run.Services.Where(s => !s.Critical && !s.Deployed)
            .Select(s => $"non-critical service '{s.Name}' did not deploy ({s.Failure}); the run went on without it")
            .Concat(run.Probes.Where(p => !p.Critical && !p.Healthy)
                .Select(p => $"non-critical service '{p.Service}' is unhealthy at {p.Url}: {p.Detail}; the run went on"))
            .ToList();

        var blocked = Blocked(run);
        if (blocked.Count > 0)
        {
            var first = run.Services.FirstOrDefault(s => s.Critical && !s.Deployed)?.Name
                ?? run.Probes.FirstOrDefault(p => p.Critical && !p.Healthy)?.Service
                ?? run.Rollbacks.FirstOrDefault()?.Service;
            return new(Verdict.Blocked, [.. blocked, "tests were not run: results against a broken deployment mean nothing", .. notes],
                first is null ? "Fix what blocked the run (above), then run `greenlight run` again."
                    : $"Bring '{first}' up: read {LogHint(run, first)}, fix, then run `greenlight probe`.");
        }

        var gates = run.Gates.Where(g => !g.Passed).ToList();
        if (gates.Count > 0)
        {
            return new(Verdict.Red,
                [.. gates.Select(g => $"gate {g.Gate} failed: {g.Summary}"), "nothing was deployed: a pre-deploy gate failed", .. notes],
                $"Fix what gate {gates[0].Gate} found{(gates[0].Findings.Count > 0 ? $" ({FirstLine(gates[0].Findings[0])})" : "")}, then run `greenlight run` again.");
        }

        var failing = run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).ToList();
        var timedOut = run.Suites.Where(s => s.TimedOut).ToList();
        var stopped = run.Services.Where(s => s.Critical && s.Exit is not null).ToList();
        if (failing.Count > 0 || timedOut.Count > 0)
        {
            var reasons = run.Suites.Where(s => s.Failed + s.Errors > 0)
                .Select(s => $"{s.Id}: {s.Failed + s.Errors} of {s.Total} tests failed ({Percent(SuiteEvaluator.FailureRate(s))}, criterion at most {Percent(s.MaxFailureRate)})")
                .Concat(timedOut.Select(s => $"{s.Id}: timed out after {s.DurationMs / 1000.0:0.#} s"))
                .Concat(StoppedByFailFast(run))
                .Concat(notes).ToList();
            if (stopped.Count > 0)
            {
                // The service that stopped explains the failures after it: it leads, and it is what to fix first.
                return new(Verdict.Red, [.. Stops(run), .. reasons],
                    $"Find why '{stopped[0].Name}' stopped ({stopped[0].Exit!.Description}): read {LogHint(run, stopped[0].Name)}, fix, then run `greenlight run` again.");
            }

            var next = failing.Count > 0
                ? $"Fix {failing[0].Suite} / {failing[0].Name}{(failing[0].Message is { } m ? $" ({FirstLine(m)})" : "")}, then run `greenlight run --focus {failing[0].Suite}`."
                : $"Find why {timedOut[0].Id} hangs (its output: {timedOut[0].Output ?? "the suite folder"}), then run `greenlight run --focus {timedOut[0].Id}`.";
            return new(Verdict.Red, reasons, next);
        }

        var doubts = Doubts(run);
        if (doubts.Count > 0)
        {
            return new(Verdict.Unproven, [.. doubts, .. notes],
                run.Interrupted || run.Aborted ? "Run it again to the end: `greenlight run`." : $"Make the result real: {doubts[0]}; then run `greenlight run` again.");
        }

        var passed = run.Tests.Count(t => t.Outcome == TestOutcome.Passed);
        var withTraffic = run.Tests.Count(t => t.Outcome == TestOutcome.Passed && t.Requests > 0);
        var probed = run.Probes.Where(p => p.Critical).Select(p => p.Service).ToHashSet(StringComparer.Ordinal);
        var unprobed = run.Services.Where(s => s.Critical && s.Deployed && !probed.Contains(s.Name)).Select(s => s.Name).ToList();
        var health = $"{probed.Count}/{probed.Count} critical services healthy"
            + (unprobed.Count == 0 ? "" : $"; {string.Join(", ", unprobed)} ha{(unprobed.Count == 1 ? "s" : "ve")} no probes (only {(unprobed.Count == 1 ? "its port was" : "their ports were")} checked)");
        return new(Verdict.Green,
            [$"all {passed} tests in {run.Suites.Count} suites ran, passed and are proven ({withTraffic} with recorded traffic{Levels(run)})", health, .. notes],
            run.Focus == "all" ? "Nothing to fix: every selected suite is green." : "Widen the focus: `greenlight run --focus all`.");
    }

    /// <summary>Where a service's own lines are: its captured log (a local service) or its deploy commands' output (a remote one).</summary>
    private static string LogHint(RunRecord run, string service) =>
        run.Rollbacks.Any(r => r.Service == service)
            ? "the rolled-back revision's log lines above"
            : run.Services.LastOrDefault(s => s.Name == service)?.Log is { } log
            ? $"{log} (last lines above)"
            : "the evidence above (Root causes)";

    private static List<string> Blocked(RunRecord run) =>
        [
            .. run.BlockedBy,
            .. run.Services.Where(s => s.Critical && !s.Deployed).Select(s => $"critical service '{s.Name}' failed to deploy: {s.Failure}"),
            .. run.Probes.Where(p => p.Critical && !p.Healthy).Select(p => $"critical service '{p.Service}' is unhealthy at {p.Url}: {p.Detail}"),
        ];

    /// <summary>"critical service 'backend' stopped during the run at 12:00:01 UTC: killed by SIGKILL, exit code 137; the failures after it are its consequence".</summary>
    private static IEnumerable<string> Stops(RunRecord run, string consequence = "the failures after it are its consequence") =>
        run.Services.Where(s => s.Critical && s.Exit is not null).Select(s =>
            $"critical service '{s.Name}' stopped during the run at {s.Exit!.At.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC: {s.Exit.Description}; {consequence}");

    private static List<string> Doubts(RunRecord run)
    {
        var doubts = new List<string>();
        if (run.Interrupted)
        {
            doubts.Add("the run was interrupted before it finished");
        }

        if (run.Aborted)
        {
            doubts.Add($"the run was aborted: {run.StopDetail ?? "its Greenlight process ended before the run finished"}; this record holds only what it left on disk");
        }

        // Nothing failed, but a critical service did not last the run: the passes do not prove a working deployment.
        doubts.AddRange(Stops(run, "no test failed, but the deployment did not last the run"));

        if (run.Error is { } error)
        {
            doubts.Add($"the run stopped on an unexpected error: {error}");
        }

        foreach (var suite in run.Suites)
        {
            if (suite.Outcome == StageOutcome.NotRun)
            {
                doubts.Add($"{suite.Id}: not run ({string.Join("; ", suite.Problems)})");
                continue;
            }

            if (suite.CollectionFailed)
            {
                doubts.Add($"{suite.Id}: collection failed, so some tests never ran");
            }

            doubts.AddRange(suite.Problems.Select(p => $"{suite.Id}: {p}"));
            if (suite.Skipped > 0)
            {
                doubts.Add($"{suite.Id}: {suite.Skipped} of {suite.Total} tests skipped; a skipped test is not a pass ({ProofReason.Skipped})");
            }
        }

        doubts.AddRange(Unproven(run));
        if (run.Suites.Count == 0 || run.Tests.Count == 0)
        {
            doubts.Add($"no test ran at all ({ProofReason.NoTests})");
        }

        return [.. doubts.Distinct()];
    }

    /// <summary>Passes the proof rules doubt, and suite-level proof codes (docs/proof.md).</summary>
    private static IEnumerable<string> Unproven(RunRecord run)
    {
        foreach (var suite in run.Suites)
        {
            var unproven = run.Tests.Where(t => t.Suite == suite.Id && t.Outcome == TestOutcome.Passed && t.Reasons.Count > 0).ToList();
            if (unproven.Count > 0)
            {
                var codes = string.Join(", ", unproven.SelectMany(t => t.Reasons).Distinct());
                yield return $"{suite.Id}: {unproven.Count} of {suite.Passed} passes unproven ({codes})";
            }

            foreach (var evidence in suite.ProofEvidence)
            {
                yield return $"{suite.Id}: {evidence}";
            }
        }
    }

    private static IEnumerable<string> StoppedByFailFast(RunRecord run) =>
        run.Suites.Where(s => s.Outcome == StageOutcome.NotRun).Select(s => $"{s.Id}: not run ({string.Join("; ", s.Problems)})");

    /// <summary>"; by level: 80 request, 6 window" when the passes carry proof levels.</summary>
    private static string Levels(RunRecord run)
    {
        var levels = run.Tests.Where(t => t.Outcome == TestOutcome.Passed && t.ProofLevel is not null)
            .GroupBy(t => t.ProofLevel!).OrderBy(g => ProofLevel.Rank(g.Key)).Select(g => $"{g.Count()} {g.Key}").ToList();
        return levels.Count == 0 ? "" : $"; by level: {string.Join(", ", levels)}";
    }

    private static string Percent(double rate) => $"{rate * 100:0.#} %";

    // Backticks would break the code spans the worklog renders the next action with.
    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().Replace('`', '\'');
}
