using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>What the last run knew, so this one starts from it: the history store, the last run, failing tests, baselines.</summary>
internal static class HistorySection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        if (run.History is not { } history)
        {
            return;
        }

        md.Heading(2, "History");
        md.Bullet(history.Store is null ? "**Store:** not available" : $"**Store:** {MarkdownWriter.CodeSpan(history.Store)}");
        if (history.Previous is { } previous)
        {
            md.Bullet($"**Last run:** {MarkdownWriter.CodeSpan(previous.RunId)} at {Format.Time(previous.StartedAt)}: **{previous.Verdict}**, {previous.Failed}/{previous.Tests} test(s) failed");
            md.Bullet(previous.OpenClusters.Count == 0
                ? "**Open clusters then:** none"
                : $"**Open clusters then:** {string.Join("; ", previous.OpenClusters.Select(MarkdownWriter.CodeSpan))}");
        }
        else if (history.SkippedRuns.Count > 0)
        {
            // Earlier runs exist, but none ran tests: nothing to compare with, and not the first run either.
            md.Bullet($"**Last run:** none that ran tests ({string.Join("; ", history.SkippedRuns)})");
        }
        else if (history.Store is not null)
        {
            md.Bullet("**Last run:** none in history; this is the first");
        }

        if (history.PreviouslyFailing.Count > 0)
        {
            md.Bullet($"**Failing last time:** {string.Join(", ", history.PreviouslyFailing.Take(10).Select(MarkdownWriter.CodeSpan))}"
                + (history.PreviouslyFailing.Count > 10 ? $" and {history.PreviouslyFailing.Count - 10} more" : "")
                + " (recorded; the runners run a suite in their own order)");
        }

        md.Bullet($"**Duration baselines:** {history.Baselines} test(s) had earlier proven passes to compare with");
        md.Bullet(history.Saved ? "**Saved:** yes" : "**Saved:** no");
        foreach (var problem in history.Problems)
        {
            md.Bullet($"_{MarkdownWriter.Inline(problem)}_");
        }

        md.Blank();
    }
}
