using System.CommandLine;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Reporting;
using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(SecretRedactor redactor)
    {
        var config = CommonOptions.Config();
        var focus = CommonOptions.Focus();
        var noFailFast = new Option<bool>("--no-fail-fast") { Description = "Run every phase even after one misses its pass criterion (overrides loop.fail_fast)" };
        var json = CommonOptions.Json("Print run.json on stdout when the run ends (progress goes to stderr)");
        var command = new Command("run",
            "Deploy the services, probe them, run the selected suites phase by phase (P1 first), and write "
            + ".greenlight/runs/<run-id>/run.json and worklog.md. Exit code: GREEN 0, RED 1, config error 2, UNPROVEN 3, BLOCKED 4.")
        {
            config, focus, noFailFast, json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            redactor, parse.GetValue(config), parse.GetValue(focus), parse.GetValue(noFailFast), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SecretRedactor redactor, string? configPath, string? focus, bool noFailFast, bool json, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: json);
        var (path, error) = CommonOptions.Locate(configPath);
        if (path is null)
        {
            terminal.Error(error!);
            return CliApp.UsageError;
        }

        var time = TimeProvider.System;
        var progress = new ConsoleProgress(terminal);
        var pipeline = new RunPipeline(StageCatalog.Create(time, redactor), time, redactor, progress, Random.Shared);
        terminal.Line($"greenlight run: {path} (focus {focus ?? "all"})");
        var outcome = await progress.LiveAsync(() => pipeline.RunAsync(path, new RunOptions(focus, noFailFast ? false : null), cancellationToken));
        if (outcome.Record is not { } record)
        {
            foreach (var message in outcome.ConfigErrors)
            {
                terminal.Error(message);
            }

            return outcome.ExitCode;
        }

        SummaryPrinter.Run(terminal, record, outcome.RunDirectory!);
        if (json)
        {
            Terminal.Data(redactor, RunJson.Serialize(record, redactor));
        }

        return outcome.ExitCode;
    }
}
