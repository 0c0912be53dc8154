using System.CommandLine;
using Greenlight.Cli.Output;
using Greenlight.Config.Loading;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Reports;
using Greenlight.Runs;
using Greenlight.Runs.Recording;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(SecretRedactor redactor)
    {
        var run = new Argument<string?>("RUN")
        {
            Description = "A run id (e.g. 20261123-112233-ab12) or a run folder; default: the latest run",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format")
        {
            Description = "md (the worklog), json (run.json) or html (writes the run folder's report.html again and prints its path)",
            DefaultValueFactory = _ => "md",
            HelpName = "md|json|html",
        };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var config = CommonOptions.Config();
        var command = new Command("report", "Re-render a past run from its run.json, found under .greenlight/runs/ beside greenlight.yaml.")
        {
            run, format, config,
        };
        command.SetAction((parse, cancellationToken) =>
            ReportAsync(redactor, parse.GetValue(run), parse.GetValue(format)!, parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> ReportAsync(SecretRedactor redactor, string? run, string format, string? configPath, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: true);
        var config = configPath ?? ConfigLoader.FindUpward(Environment.CurrentDirectory);
        var root = config is null ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(config))!;
        var folder = RunFolder.Find(root, run);
        if (folder is null && run is not null && AbortedRuns.FromTrail(Path.Combine(RunFolder.RunsDirectory(root), Path.GetFileName(run))) is { } aborted)
        {
            // Killed before it could write run.json, and no run since has completed its folder.
            if (format == "html")
            {
                return await WriteHtmlAsync(redactor, terminal, aborted, Path.Combine(RunFolder.RunsDirectory(root), Path.GetFileName(run)), cancellationToken);
            }

            Terminal.Data(redactor, format == "json" ? RunJson.Serialize(aborted, redactor) : WorklogRenderer.Render(aborted));
            return 0;
        }

        if (folder is null)
        {
            terminal.Error(run is null ? $"no runs yet under {RunFolder.RunsDirectory(root)}; start one with 'greenlight run'" : $"run '{run}' not found under {RunFolder.RunsDirectory(root)}");
            return CliApp.UsageError;
        }

        RunRecord? record;
        try
        {
            record = await RunOutputs.ReadAsync(folder, cancellationToken);
        }
        catch (System.Text.Json.JsonException ex)
        {
            terminal.Error($"{Path.Combine(folder, RunFolder.RunJson)} is not a run record: {ex.Message}");
            return CliApp.UsageError;
        }

        if (record is null)
        {
            terminal.Error($"{Path.Combine(folder, RunFolder.RunJson)} holds no run");
            return CliApp.UsageError;
        }

        if (format == "html")
        {
            return await WriteHtmlAsync(redactor, terminal, record, folder, cancellationToken);
        }

        Terminal.Data(redactor, format == "json" ? RunJson.Serialize(record, redactor) : WorklogRenderer.Render(record));
        return 0;
    }

    /// <summary>Writes the run folder's report.html again and prints its path.</summary>
    private static async Task<int> WriteHtmlAsync(SecretRedactor redactor, Terminal terminal, RunRecord record, string folder, CancellationToken cancellationToken)
    {
        var failures = await new CompositeReporter(redactor, [new HtmlReportReporter(redactor)]).WriteAsync(record, folder, cancellationToken);
        foreach (var failure in failures)
        {
            terminal.Error(failure);
        }

        Terminal.Data(redactor, Path.Combine(folder, HtmlReportReporter.FileName) + "\n");
        return failures.Count == 0 ? 0 : CliApp.UsageError;
    }
}
