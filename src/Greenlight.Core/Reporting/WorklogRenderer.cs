using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>Renders a run record as <c>worklog.md</c>, in the order the field worklogs used (REFERENCE.md §6).</summary>
public static partial class WorklogRenderer
{
    public static string Render(RunRecord run)
    {
        var md = new MarkdownWriter();
        Header(md, run);
        Continuation(md, run);
        Loop(md, run);
        Deployment(md, run);
        Infrastructure(md, run);
        Selection(md, run);
        Commands(md, run);
        Phases(md, run);
        Proof(md, run);
        RootCauses(md, run);
        Comparison(md, run);
        Logs(md, run);
        Verdict(md, run);
        return md.ToString();
    }

    private static void Header(MarkdownWriter md, RunRecord run)
    {
        md.Heading(1, $"Greenlight worklog: {run.Project}, run {run.RunId}");
        md.Bullet($"**Started:** {Format.Time(run.StartedAt)}");
        if (run.EndedAt is { } ended)
        {
            md.Bullet($"**Ended:** {Format.Time(ended)} ({Format.Duration(run.Timings.TotalMs)})");
        }

        md.Bullet($"**Focus:** {MarkdownWriter.CodeSpan(run.Focus)}: {MarkdownWriter.Inline(run.FocusRationale)}");
        md.Bullet($"**Config:** {MarkdownWriter.CodeSpan(run.ConfigPath)}; fail-fast {(run.FailFast ? "on" : "off")}");
        if (run.Interrupted)
        {
            md.Bullet("**Interrupted:** the run was stopped (Ctrl+C or SIGTERM) before it finished; services were stopped");
        }

        md.Bullet($"**Verdict:** **{VerdictName(run.Verdict)}** (exit {run.ExitCode})");
    }

    private static void Deployment(MarkdownWriter md, RunRecord run)
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
            s.Deployed ? "running" : $"FAILED: {MarkdownWriter.Inline(s.Failure ?? "unknown")}",
        ]));
    }

    private static void Infrastructure(MarkdownWriter md, RunRecord run)
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

    private static void Selection(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, "Selection");
        md.Line(MarkdownWriter.Inline(Capitalise(run.FocusRationale)) + ".").Blank();
        if (run.Suites.Count == 0)
        {
            md.Line("No suites selected.").Blank();
            return;
        }

        md.Table(["phase", "suite", "category", "runner", "impact", "pass criterion"], run.Suites.Select(s => (IReadOnlyList<string>)
        [
            s.Priority, s.Id, MarkdownWriter.Inline(s.Category ?? ""), s.Runner, MarkdownWriter.Inline(s.Impact ?? ""), Format.Criterion(s.MaxFailureRate),
        ]));
    }

    private static void Commands(MarkdownWriter md, RunRecord run)
    {
        md.Heading(2, "Commands");
        if (run.Commands.Count == 0)
        {
            md.Line("No commands ran.").Blank();
            return;
        }

        if (run.Iterations.Count > 1)
        {
            md.Table(["#", "iteration", "step", "for", "command", "duration", "exit", "result"], run.Commands.Select((c, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Kind,
                c.Subject,
                MarkdownWriter.CodeSpan(c.CommandLine),
                Format.Duration(c.DurationMs),
                c.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                MarkdownWriter.Inline(c.Summary),
            ]));
            return;
        }

        md.Table(["#", "step", "for", "command", "duration", "exit", "result"], run.Commands.Select((c, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            c.Kind,
            c.Subject,
            MarkdownWriter.CodeSpan(c.CommandLine),
            Format.Duration(c.DurationMs),
            c.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            MarkdownWriter.Inline(c.Summary),
        ]));
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Model.Verdict.ConfigError => "CONFIG ERROR",
        _ => verdict.ToString().ToUpperInvariant(),
    };
}
