using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>The failure clusters, largest first, then the flaky tests.</summary>
internal static class RootCausesSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
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
}
