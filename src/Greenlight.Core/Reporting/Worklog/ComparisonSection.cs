using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>This run against the last one in history that ran tests (later runs in which none ran are named as skipped): tests that changed and clusters that are new, persisting or resolved.</summary>
internal static class ComparisonSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        if (run.History?.Comparison is not { } comparison || run.History.Previous is not { } previous)
        {
            return;
        }

        md.Heading(2, "Compared with the last run");
        md.Line($"Last run {MarkdownWriter.CodeSpan(previous.RunId)} ({previous.Verdict}) → this run: "
            + $"{comparison.Count(TestChange.Fixed)} fixed, {comparison.Count(TestChange.Regressed)} regressed, "
            + $"{comparison.Count(TestChange.StillFailing)} still failing, {comparison.Count(TestChange.NewlyFlaky)} newly flaky.").Blank();
        // Runs in which no tests ran are no baseline: say which were passed over, so the gap is visible.
        foreach (var skipped in run.History.SkippedRuns)
        {
            md.Line($"- {skipped}");
        }

        if (run.History.SkippedRuns.Count > 0)
        {
            md.Blank();
        }

        md.Line(ComparisonMarkdown.Render(comparison, "last run", "this run").TrimEnd('\n')).Blank();
    }
}
