using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>Probe results and the share of critical services that were healthy.</summary>
internal static class InfrastructureSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, "Infrastructure");
        if (run.Probes.Count == 0)
        {
            md.Line("No probes ran.").Blank();
            return;
        }

        var critical = run.Probes.Where(p => p.Critical).GroupBy(p => p.Service).ToList();
        var healthy = critical.Count(g => g.All(p => p.Healthy));
        var share = critical.Count == 0 ? "no critical services" : Format.Percent((double)healthy / critical.Count);
        md.Line($"**Availability:** {healthy}/{critical.Count} critical services healthy ({share})").Blank();
        md.Table(["service", "URL", "status", "code", "latency", "detail"], run.Probes.Select(p => (IReadOnlyList<string>)
        [
            p.Critical ? p.Service : $"{p.Service} (non-critical)",
            p.Url,
            p.Healthy ? "✅ healthy" : "❌ unhealthy",
            p.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.CloseCode is { } close ? $" (close {close})" : "") ?? "",
            Format.Duration(p.LatencyMs),
            MarkdownWriter.Inline(p.Detail),
        ]));
    }
}
