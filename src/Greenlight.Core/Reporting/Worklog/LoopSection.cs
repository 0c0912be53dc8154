using System.Globalization;
using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>The loop: one row per iteration, each iteration in detail, then iteration-to-iteration comparisons.</summary>
internal static class LoopSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
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
            WorklogRenderer.VerdictName(i.Verdict),
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
            IterationSection.Write(md, iteration);
        }

        for (var i = 1; i < run.Iterations.Count; i++)
        {
            Comparison(md, run.Iterations[i - 1], run.Iterations[i]);
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

    internal static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
