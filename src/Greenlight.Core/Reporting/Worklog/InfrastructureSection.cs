using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>Probe results, the share of critical services that were healthy at the end, and the services that stopped during the run.</summary>
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

        var (healthy, total) = Availability.Of(run.Probes, run.Services);
        var share = total == 0 ? "no critical services" : Format.Percent((double)healthy / total);
        md.Line($"**Availability:** {healthy}/{total} critical services healthy ({share})").Blank();
        foreach (var service in run.Services.Where(s => s.Exit is not null))
        {
            var exit = service.Exit!;
            md.Line($"**Stopped during the run:** {service.Name} at {Format.Time(exit.At)}: {MarkdownWriter.Inline(exit.Description)}"
                + (exit.LastLines.Count > 0 ? $"; its last lines: {MarkdownWriter.CodeSpan(string.Join(" | ", exit.LastLines.TakeLast(3)))}" : "")).Blank();
        }

        md.Table(["service", "URL", "status", "code", "latency", "detail"], run.Probes.Select(p => (IReadOnlyList<string>)
        [
            p.Critical ? p.Service : $"{p.Service} (non-critical)",
            p.Url,
            !p.Healthy ? "❌ unhealthy" : run.Services.Any(s => s.Name == p.Service && s.Exit is not null) ? "❌ healthy, then stopped" : "✅ healthy",
            p.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.CloseCode is { } close ? $" (close {close})" : "") ?? "",
            Format.Duration(p.LatencyMs),
            MarkdownWriter.Inline(p.Detail),
        ]));
    }
}
