using System.Globalization;
using Greenlight.Cli.Commands;
using Greenlight.Reporting;
using Spectre.Console;

namespace Greenlight.Cli.Output;

/// <summary>The console form of <c>greenlight history</c>: one table per question.</summary>
internal static class HistoryPrinter
{
    public static void Print(Terminal terminal, HistoryCommand.HistoryReport report)
    {
        terminal.Line($"history of {report.Project} ({report.Store})");
        if (report.Runs.Count == 0)
        {
            terminal.Line("no runs recorded yet; 'greenlight run' records each run");
            return;
        }

        Show(terminal, "Recent runs", ["run", "started (UTC)", "verdict", "passed", "failed", "skipped", "unproven"], report.Runs.Select(r => new[]
        {
            r.Id, r.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Verdict, N(r.Passed), N(r.Failed), N(r.Skipped), N(r.Unproven),
        }));
        Show(terminal, "Pass rate per suite", ["suite", "passed", "proven", "total", "rate"], report.PassRateBySuite.Select(p => new[] { p.Group, N(p.Passed), N(p.ProvenPassed), N(p.Total), Format.Percent(p.Rate) }));
        Show(terminal, "Pass rate per phase", ["phase", "passed", "proven", "total", "rate"], report.PassRateByPhase.Select(p => new[] { p.Group, N(p.Passed), N(p.ProvenPassed), N(p.Total), Format.Percent(p.Rate) }));
        Show(terminal, "Slowest tests", ["suite", "test", "mean", "max", "runs"], report.SlowestTests.Select(s => new[] { s.Suite, s.Name, Format.Duration((long)s.MeanMs), Format.Duration((long)s.MaxMs), N(s.Runs) }));
        Show(terminal, "Flakiest tests", ["suite", "test", "runs", "flips", "flip rate", "retry passes"], report.FlakyTests.Select(f => new[] { f.Suite, f.Name, N(f.Runs), N(f.Flips), Format.Percent(f.FlipRate), N(f.RetryPasses) }));
        Show(terminal, "Open clusters (latest run)", ["cluster", "failures", "runs seen", "first seen (UTC)"], report.OpenClusters.Select(c => new[]
        {
            c.Title, N(c.Count), N(c.RunsSeen), c.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        }));
    }

    private static void Show(Terminal terminal, string title, string[] headers, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        terminal.Line("");
        if (list.Count == 0)
        {
            terminal.Line($"{title}: none");
            return;
        }

        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumns(headers.Select(h => new TableColumn(Markup.Escape(h))).ToArray());
        foreach (var row in list)
        {
            table.AddRow(row.Select(terminal.Safe).ToArray());
        }

        terminal.Human.Write(table);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
