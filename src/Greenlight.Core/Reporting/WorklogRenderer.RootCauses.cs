using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Reporting;

public static partial class WorklogRenderer
{
    /// <summary>What the last run knew, so this one starts from it (REFERENCE.md §3: continuation).</summary>
    private static void Continuation(MarkdownWriter md, RunRecord run)
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

    /// <summary>The "Root causes" section alone, for a tracking issue.</summary>
    public static string RenderRootCauses(RunRecord run)
    {
        var md = new MarkdownWriter();
        RootCauses(md, run);
        return md.ToString();
    }

    /// <summary>The comparison with the last run alone, for a tracking issue.</summary>
    public static string RenderComparison(RunRecord run)
    {
        var md = new MarkdownWriter();
        Comparison(md, run);
        return md.ToString();
    }

    /// <summary>One entry per cluster, largest first: symptom, services, preceding deploy, server log lines, history.</summary>
    private static void RootCauses(MarkdownWriter md, RunRecord run)
    {
        if (run.Clusters.Count == 0)
        {
            return;
        }

        md.Heading(2, "Root causes");
        md.Line($"{run.Clusters.Sum(c => c.Count)} failure(s) in {run.Clusters.Count} cluster(s), largest first.").Blank();
        foreach (var cluster in run.Clusters)
        {
            md.Line(cluster.Markdown.TrimEnd('\n')).Blank();
        }

        var flaky = run.Tests.Where(t => t.Flaky).ToList();
        if (flaky.Count > 0)
        {
            md.Heading(3, "Flaky tests");
            md.Table(["suite", "test", "attempts", "flip rate (history)"], flaky.Select(t => (IReadOnlyList<string>)
            [
                t.Suite, MarkdownWriter.CodeSpan(t.Name), t.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                t.FlipRate is { } rate ? Format.Percent(rate) : "no history",
            ]));
        }
    }

    /// <summary>This run against the last one: tests that changed and clusters that are new, persisting or resolved.</summary>
    private static void Comparison(MarkdownWriter md, RunRecord run)
    {
        if (run.History?.Comparison is not { } comparison || run.History.Previous is not { } previous)
        {
            return;
        }

        md.Heading(2, "Compared with the last run");
        md.Line($"Last run {MarkdownWriter.CodeSpan(previous.RunId)} ({previous.Verdict}) → this run: "
            + $"{comparison.Count(TestChange.Fixed)} fixed, {comparison.Count(TestChange.Regressed)} regressed, "
            + $"{comparison.Count(TestChange.StillFailing)} still failing, {comparison.Count(TestChange.NewlyFlaky)} newly flaky.").Blank();
        md.Line(ComparisonMarkdown.Render(comparison, "last run", "this run").TrimEnd('\n')).Blank();
    }
}
