using Greenlight.Reporting;
using Greenlight.Reports;
using Greenlight.Secrets;

namespace Greenlight.Cli.Hosting;

/// <summary>What a run started from the CLI or MCP writes into its folder: run.json, the worklog, report.html and, when asked, a JUnit verdict.</summary>
internal static class RunReporters
{
    public static CompositeReporter Create(SecretRedactor redactor, string? junit)
    {
        IReporter[] reporters =
        [
            new RunJsonReporter(),
            new WorklogReporter(),
            new HtmlReportReporter(redactor),
            .. junit is null ? Array.Empty<IReporter>() : [new JUnitVerdictReporter(Path.GetFullPath(junit))],
        ];
        return new CompositeReporter(redactor, reporters);
    }
}
