using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>The verdict, why, the next action and the tracking issue.</summary>
internal static class VerdictSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, $"Verdict: {WorklogRenderer.VerdictName(run.Verdict)}");
        if (run.Error is { } error)
        {
            md.Line($"Error: {MarkdownWriter.Inline(error)}").Blank();
        }

        md.Line("Why:").Blank();
        foreach (var reason in run.Reasons)
        {
            md.Bullet(MarkdownWriter.Inline(reason));
        }

        md.Blank().Line($"**Next action:** {MarkdownWriter.WithCode(run.NextAction)}");
        if (run.Tracking is { } tracking)
        {
            md.Blank().Line(tracking.Failure is { } failure
                ? $"**Tracking ({tracking.Tracker}):** not published: {MarkdownWriter.Inline(failure)}"
                : $"**Tracking ({tracking.Tracker}):** {(tracking.Location is { } at ? MarkdownWriter.CodeSpan(at) : "nothing opened")}"
                    + (tracking.Closed.Count > 0 ? $"; closed {string.Join(", ", tracking.Closed.Select(MarkdownWriter.CodeSpan))}" : ""));
        }
    }
}
