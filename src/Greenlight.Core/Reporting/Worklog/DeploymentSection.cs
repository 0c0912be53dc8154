using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>One row per service: revision, URL, build and start times, status.</summary>
internal static class DeploymentSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, "Deployment");
        if (run.Services.Count == 0)
        {
            md.Line("No services deployed.").Blank();
            return;
        }

        md.Table(["service", "critical", "revision", "URL", "build", "start", "status"], run.Services.Select(s => (IReadOnlyList<string>)
        [
            s.Name,
            s.Critical ? "yes" : "no",
            s.Revision is null ? "" : MarkdownWriter.CodeSpan(s.Revision),
            s.Url ?? "",
            s.BuildMs > 0 ? Format.Duration(s.BuildMs) : "",
            s.StartMs > 0 ? Format.Duration(s.StartMs) : "",
            s.Exit is { } exit ? $"STOPPED during the run: {MarkdownWriter.Inline(exit.Description)}"
                : s.Deployed ? "running" : $"FAILED: {MarkdownWriter.Inline(s.Failure ?? "unknown")}",
        ]));
    }
}
