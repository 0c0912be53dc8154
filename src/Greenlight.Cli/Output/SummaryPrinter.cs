using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>The end-of-run summary: infrastructure table, phases, verdict with its reasons and the next action.</summary>
internal static class SummaryPrinter
{
    /// <param name="services">The run's services, so one that stopped during the run does not count as healthy; none for <c>greenlight probe</c>.</param>
    public static void Infrastructure(Terminal terminal, IReadOnlyList<ProbeRecord> probes, IReadOnlyList<ServiceRecord>? services = null)
    {
        if (probes.Count == 0)
        {
            terminal.Line("No probes configured.");
            return;
        }

        var (healthy, total) = Availability.Of(probes, services ?? []);
        var stopped = (services ?? []).Where(s => s.Exit is not null).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var table = new Table().Title("Infrastructure").AddColumns("service", "URL", "status", "code", "latency", "detail");
        foreach (var p in probes)
        {
            table.AddRow(
                terminal.Safe(p.Critical ? p.Service : $"{p.Service} (non-critical)"),
                terminal.Safe(p.Url),
                !p.Healthy ? "[red]UNHEALTHY[/]" : stopped.Contains(p.Service) ? "[red]healthy, then STOPPED[/]" : "[green]healthy[/]",
                terminal.Safe(p.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.CloseCode is { } c ? $" (close {c})" : "")),
                terminal.Safe(Format.Duration(p.LatencyMs)),
                terminal.Safe(p.Detail));
        }

        terminal.Human.Write(table);
        terminal.Line($"Availability: {healthy}/{total} critical services healthy");
        foreach (var service in (services ?? []).Where(s => s.Exit is not null))
        {
            terminal.Line($"Stopped during the run: {service.Name} at {Format.Time(service.Exit!.At)}: {service.Exit.Description}");
        }
    }

    public static void Run(Terminal terminal, RunRecord run, string runDirectory)
    {
        Infrastructure(terminal, run.Probes, run.Services);
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
        if (File.Exists(Path.Combine(runDirectory, "report.html")))
        {
            terminal.Markup($"Report: {terminal.Safe(Path.Combine(runDirectory, "report.html"))}");
        }
    }

    private static string WorklogRendererName(Verdict verdict) => verdict == Verdict.ConfigError ? "CONFIG ERROR" : verdict.ToString().ToUpperInvariant();
}
