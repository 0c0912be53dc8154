using System.Globalization;
using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>
/// Every step the run reported, with its time from the run's start and the time since the step
/// before it, so where the time went reads top to bottom (a long "since" is the work that ended there).
/// </summary>
internal static class TimelineSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        if (run.Timeline.Count == 0)
        {
            return;
        }

        md.Heading(2, "Timeline");
        md.Line("Seconds from the run's start, and since the step before (the time the work ending in that step took).").Blank();
        var previous = run.StartedAt;
        md.Table(["at", "since", "stage", "step"], run.Timeline.Select(step =>
        {
            var row = (IReadOnlyList<string>)
            [
                Seconds(step.At - run.StartedAt),
                Seconds(step.At - previous),
                step.Stage,
                MarkdownWriter.Inline(step.Ok switch { true => step.Text + " ✓", false => step.Text + " ✗", null => step.Text }),
            ];
            previous = step.At;
            return row;
        }));
        var last = run.Timeline[^1].At;
        if (run.EndedAt is { } ended && ended > last)
        {
            md.Line($"Then {Seconds(ended - last)} s to the run's end.").Blank();
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
}
