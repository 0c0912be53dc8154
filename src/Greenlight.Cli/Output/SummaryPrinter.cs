using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>The end-of-run summary: infrastructure table, phases, verdict with its reasons and the next action.</summary>
internal static class SummaryPrinter
{
    public static void Infrastructure(Terminal terminal, IReadOnlyList<ProbeRecord> probes)
    {
        if (probes.Count == 0)
        {
            terminal.Line("No probes configured.");
            return;
        }

        var critical = probes.Where(p => p.Critical).GroupBy(p => p.Service).ToList();
        var healthy = critical.Count(g => g.All(p => p.Healthy));
        var table = new Table().Title("Infrastructure").AddColumns("service", "URL", "status", "code", "latency", "detail");
        foreach (var p in probes)
        {
            table.AddRow(
                terminal.Safe(p.Critical ? p.Service : $"{p.Service} (non-critical)"),
                terminal.Safe(p.Url),
                p.Healthy ? "[green]healthy[/]" : "[red]UNHEALTHY[/]",
                terminal.Safe(p.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.CloseCode is { } c ? $" (close {c})" : "")),
                terminal.Safe(Format.Duration(p.LatencyMs)),
                terminal.Safe(p.Detail));
        }

        terminal.Human.Write(table);
        terminal.Line($"Availability: {healthy}/{critical.Count} critical services healthy");
    }

    public static void Run(Terminal terminal, RunRecord run, string runDirectory)
    {
        Infrastructure(terminal, run.Probes);
        foreach (var phase in run.Phases)
        {
            var outcome = phase.Outcome == StageOutcome.NotRun ? "not run" : phase.Outcome.ToString().ToLowerInvariant();
            terminal.Line($"Phase {phase.Priority}: {outcome}, {phase.Tests} tests, {phase.Failed} failed");
        }

        var colour = run.Verdict switch
        {
            Verdict.Green => "green",
            Verdict.Red or Verdict.Blocked => "red",
            _ => "yellow",
        };
        if (run.Iterations.Count > 1 || run.Iterations.Any(i => i.Remediation is not null))
        {
            var verdicts = string.Join(" → ", run.Iterations.Select(i => WorklogRendererName(i.Verdict)));
            terminal.Line($"Loop: {run.Iterations.Count} iteration(s), {verdicts}; stopped ({run.StopReason}): {run.StopDetail}");
        }

        terminal.Markup($"[bold {colour}]{WorklogRendererName(run.Verdict)}[/] (exit {run.ExitCode}){(run.Interrupted ? " [yellow]interrupted[/]" : "")}");
        foreach (var reason in run.Reasons)
        {
            terminal.Markup($"  - {terminal.Safe(reason)}");
        }

        terminal.Markup($"Next: {terminal.Safe(run.NextAction)}");
        terminal.Markup($"Worklog: {terminal.Safe(Path.Combine(runDirectory, RunFolder.Worklog))}");
    }

    private static string WorklogRendererName(Verdict verdict) => verdict == Verdict.ConfigError ? "CONFIG ERROR" : verdict.ToString().ToUpperInvariant();
}
