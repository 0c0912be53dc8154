using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>The tail of each service log the run kept.</summary>
internal static class LogsSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        foreach (var excerpt in run.LogExcerpts)
        {
            md.Heading(2, $"Service log: {excerpt.Service} (last {excerpt.Lines.Count} lines)");
            md.Line($"From {MarkdownWriter.CodeSpan(excerpt.Path)}:").Blank();
            md.Code(excerpt.Lines);
        }
    }
}
