using Greenlight.Reporting;

namespace Greenlight.Bundles;

/// <summary><c>bundle.md</c>: the bundle for a person or an agent that reads prose.</summary>
public static class BundleMarkdown
{
    public static string Render(EvidenceBundle bundle)
    {
        var md = new MarkdownWriter();
        md.Heading(1, $"Evidence bundle: run {bundle.RunId}, iteration {bundle.Iteration}");
        md.Bullet($"**Verdict:** **{WorklogRenderer.VerdictName(bundle.Verdict)}**");
        md.Bullet($"**Repository:** {MarkdownWriter.CodeSpan(bundle.RepositoryRoot)}");
        md.Bullet($"**Worklog:** {MarkdownWriter.CodeSpan(bundle.Worklog)}");
        md.Bullet($"**Next action:** {MarkdownWriter.Inline(bundle.NextAction)}");
        md.Blank();
        md.Heading(2, "Why");
        foreach (var reason in bundle.Reasons)
        {
            md.Bullet(MarkdownWriter.Inline(reason));
        }

        md.Blank();
        md.Heading(2, "Clusters");
        foreach (var cluster in bundle.Clusters)
        {
            md.Heading(3, $"{cluster.Title} ({cluster.Source}, {cluster.Count})");
            foreach (var test in cluster.Tests)
            {
                md.Bullet(MarkdownWriter.CodeSpan(test));
            }

            md.Code(cluster.Evidence);
        }

        md.Heading(2, "Failing tests");
        md.Table(["suite", "test", "outcome", "message"], bundle.FailingTests.Select(t => (IReadOnlyList<string>)
            [t.Suite, MarkdownWriter.Inline(t.Name), t.Outcome.ToString().ToLowerInvariant(), MarkdownWriter.Inline(t.Message ?? "")]));
        if (bundle.UnprovenTests.Count > 0)
        {
            md.Heading(2, "Unproven passes");
            md.Table(["suite", "test", "reasons"], bundle.UnprovenTests.Select(t => (IReadOnlyList<string>)
                [t.Suite, MarkdownWriter.Inline(t.Name), string.Join(", ", t.Reasons)]));
        }

        md.Heading(2, "Deployed");
        md.Table(["service", "revision", "URL", "healthy", "log"], bundle.Deployed.Select(s => (IReadOnlyList<string>)
            [s.Name, s.Revision ?? "", s.Url ?? "", s.Healthy ? "yes" : "no", s.Log ?? ""]));
        if (bundle.Events.Count > 0)
        {
            md.Heading(2, "Events");
            foreach (var line in bundle.Events)
            {
                md.Bullet(MarkdownWriter.Inline(line));
            }

            md.Blank();
        }

        return md.ToString();
    }
}
