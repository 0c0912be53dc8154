using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Tracking;

/// <summary>The title and body shared by the GitHub issue and the markdown file, with a hidden run marker.</summary>
public static partial class TrackingMarkdown
{
    public const string Label = "greenlight";

    public static string Title(TrackingReport report) => $"[greenlight] {report.Project}: {report.Verdict} (run {report.RunId})";

    public static string Body(TrackingReport report, DateTimeOffset updatedAt)
    {
        var body = new StringBuilder()
            .AppendLine(Marker(report.RunId))
            .AppendLine(CultureInfo.InvariantCulture, $"**Verdict:** {report.Verdict} after iteration {report.Iteration}  ")
            .AppendLine(CultureInfo.InvariantCulture, $"**Impact at risk:** {report.ImpactAtRisk ?? "none"}  ")
            .AppendLine(CultureInfo.InvariantCulture, $"**Updated:** {updatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        if (report.WorklogPath is { } worklog)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"**Worklog:** `{worklog}`");
        }

        Section(body, "Failure clusters", report.ClustersMarkdown);
        Section(body, "Comparison", report.ComparisonMarkdown);
        return body.ToString();
    }

    public static string ClosingNote(TrackingReport greenRun, DateTimeOffset at) =>
        $"Closed by Greenlight: run {greenRun.RunId} of {greenRun.Project} was GREEN at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.";

    /// <summary>The run id written in a body by <see cref="Body"/>, or null.</summary>
    public static string? RunIdOf(string? body) =>
        body is not null && MarkerPattern().Match(body) is { Success: true } m ? m.Groups["run"].Value : null;

    private static string Marker(string runId) => $"<!-- greenlight-run: {runId} -->";

    private static void Section(StringBuilder body, string heading, string markdown)
    {
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            body.AppendLine().AppendLine("## " + heading).AppendLine().AppendLine(markdown.TrimEnd());
        }
    }

    [GeneratedRegex(@"<!-- greenlight-run: (?<run>[^ ]+) -->")]
    private static partial Regex MarkerPattern();
}
