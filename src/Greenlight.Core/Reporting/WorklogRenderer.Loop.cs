using System.Globalization;
using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Reporting;

public static partial class WorklogRenderer
{
    /// <summary>The loop: one line per iteration, then per iteration its gates, rollbacks, failures and remediation, then the comparisons.</summary>
    private static void Loop(MarkdownWriter md, RunRecord run)
    {
        if (run.Iterations.Count == 0)
        {
            return;
        }

        md.Heading(2, "Loop");
        md.Line($"**{run.Iterations.Count} iteration(s)**; stopped: {MarkdownWriter.CodeSpan(run.StopReason ?? "unknown")}: {MarkdownWriter.Inline(run.StopDetail ?? "")}."
            + (run.AnalysisOnly ? " Analysis-only run: remediation must not change tracked files." : "")).Blank();
        md.Table(["iteration", "verdict", "deployed", "passed", "failed", "unproven", "remediation", "guard"], run.Iterations.Select(i => (IReadOnlyList<string>)
        [
            Text(i.Number),
            VerdictName(i.Verdict),
            i.Deployed.Count == 0 ? "(none)" : string.Join(", ", i.Deployed),
            Text(i.Tests.Count(t => t.Outcome == TestOutcome.Passed && t.Reasons.Count == 0)),
            Text(i.Tests.Count(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error)),
            Text(i.Tests.Count(t => t.Outcome == TestOutcome.Passed && t.Reasons.Count > 0)),
            i.Remediation is { } r ? MarkdownWriter.Inline(r.Result) : "",
            i.Remediation?.GuardOutcome?.Replace('_', ' ') ?? "",
        ]));
        if (run.Iterations.Count > 1)
        {
            md.Line($"The sections after the loop describe the last iteration ({Text(run.Iterations[^1].Number)}).").Blank();
        }

        foreach (var iteration in run.Iterations)
        {
            Iteration(md, iteration);
        }

        for (var i = 1; i < run.Iterations.Count; i++)
        {
            Comparison(md, run.Iterations[i - 1], run.Iterations[i]);
        }
    }

    private static void Iteration(MarkdownWriter md, IterationRecord iteration)
    {
        md.Heading(3, $"Iteration {Text(iteration.Number)}: {VerdictName(iteration.Verdict)}");
        md.Bullet($"**Started:** {Format.Time(iteration.StartedAt)} ({Format.Duration(iteration.DurationMs)})");
        md.Bullet($"**Deployed:** {(iteration.Deployed.Count == 0 ? (iteration.Gates.Any(g => !g.Passed) ? "nothing: a pre-deploy gate failed" : "nothing (services kept running)") : MarkdownWriter.Inline(string.Join(", ", iteration.Deployed.Select(d => $"{d} {iteration.Services.FirstOrDefault(s => s.Name == d)?.Revision}".Trim()))))}");
        foreach (var reason in iteration.Reasons.Take(6))
        {
            md.Bullet(MarkdownWriter.Inline(reason));
        }

        md.Blank();
        var failedGates = iteration.Gates.Where(g => !g.Passed).ToList();
        if (iteration.Gates.Count > 0)
        {
            md.Table(["gate", "result", "duration"], iteration.Gates.Select(g => (IReadOnlyList<string>)
                [g.Gate, (g.Passed ? "✅ " : "❌ ") + MarkdownWriter.Inline(g.Summary), Format.Duration(g.DurationMs)]));
        }

        foreach (var gate in failedGates)
        {
            md.Heading(4, $"Cluster: gate {gate.Gate} failed");
            md.Line(MarkdownWriter.Inline(gate.Summary) + (gate.Log is null ? "" : $" (log: {MarkdownWriter.CodeSpan(gate.Log)})")).Blank();
            md.Code([.. gate.Findings, .. gate.Evidence]);
        }

        foreach (var rollback in iteration.Rollbacks)
        {
            md.Heading(4, rollback.Succeeded ? $"Rollback: {rollback.Service}" : $"Rollback failed: {rollback.Service}");
            md.Line($"**{MarkdownWriter.Inline(rollback.Description)}**{(rollback.HealthyAfter ? "; healthy again after the rollback" : "")}.").Blank();
            md.Code(rollback.Evidence);
        }

        var failing = iteration.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).ToList();
        if (failing.Count > 0)
        {
            md.Table(["failing test", "message"], failing.Select(t => (IReadOnlyList<string>)
                [MarkdownWriter.Inline($"{t.Suite} / {t.Name}"), MarkdownWriter.Inline((t.Message ?? "").Split('\n')[0])]));
        }

        if (iteration.Bundle is { } bundle)
        {
            md.Line($"Evidence bundle: {MarkdownWriter.CodeSpan(bundle)}").Blank();
        }

        if (iteration.Remediation is { } remediation)
        {
            Remediation(md, remediation);
        }

        if (iteration.StopReason is { } stop)
        {
            md.Line($"**Loop stopped** ({MarkdownWriter.CodeSpan(stop)}): {MarkdownWriter.Inline(iteration.StopDetail ?? "")}.").Blank();
        }
    }

    private static void Remediation(MarkdownWriter md, RemediationRecord remediation)
    {
        md.Heading(4, "Remediation");
        md.Bullet($"**Command:** {MarkdownWriter.CodeSpan(remediation.Command)}: {MarkdownWriter.Inline(remediation.Result)} in {Format.Duration(remediation.DurationMs)}"
            + (remediation.Log is null ? "" : $" (output: {MarkdownWriter.CodeSpan(remediation.Log)})"));
        if (remediation.GuardOutcome is not null)
        {
            md.Bullet($"**Guard:** {remediation.GuardOutcome.Replace('_', ' ')}: {MarkdownWriter.Inline(remediation.GuardReason)}; "
                + (remediation.CountsAsFix ? "counted as a fix" : "**not counted as a fix**"));
        }

        if (remediation.DirtyBefore.Count > 0)
        {
            md.Bullet($"**Uncommitted before remediation:** {MarkdownWriter.Inline(string.Join(", ", remediation.DirtyBefore))}");
        }

        if (remediation.ChangedTestFiles.Count > 0)
        {
            md.Bullet($"**Test files changed:** {MarkdownWriter.Inline(string.Join(", ", remediation.ChangedTestFiles))}");
        }

        md.Blank();
        if (remediation.DiffStat.Length > 0)
        {
            md.Code(remediation.DiffStat.Split('\n'));
        }

        if (remediation.Flags.Count > 0)
        {
            md.Line("**Flags:**").Blank();
            foreach (var flag in remediation.Flags)
            {
                md.Bullet(MarkdownWriter.CodeSpan(flag));
            }

            md.Blank();
        }
    }

    private static void Comparison(MarkdownWriter md, IterationRecord before, IterationRecord after)
    {
        md.Heading(3, $"Comparison: iteration {Text(before.Number)} → {Text(after.Number)}");
        var comparison = ResultComparer.Compare(Snapshots(before), Snapshots(after), [], []);
        md.Line(ComparisonMarkdown.Render(comparison, $"iteration {Text(before.Number)}", $"iteration {Text(after.Number)}"));
    }

    private static List<TestSnapshot> Snapshots(IterationRecord iteration) =>
        [.. iteration.Tests.Select(t => new TestSnapshot(t.Suite, t.Name, t.Outcome switch
        {
            TestOutcome.Failed or TestOutcome.Error => TestStatus.Failed,
            TestOutcome.Skipped => TestStatus.Skipped,
            _ => t.Reasons.Count > 0 ? TestStatus.Unproven : TestStatus.Passed,
        }))];

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
