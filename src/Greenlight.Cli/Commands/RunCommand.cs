using System.CommandLine;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Reporting;
using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(SecretRedactor redactor, QuitHooks quit)
    {
        var config = CommonOptions.Config();
        var focus = CommonOptions.Focus();
        var noFailFast = new Option<bool>("--no-fail-fast") { Description = "Run every phase even after one misses its pass criterion (overrides loop.fail_fast)" };
        var json = CommonOptions.Json("Print run.json on stdout when the run ends (progress goes to stderr)");
        var iterations = new Option<int?>("--iterations", "-n")
        {
            Description = "At most this many deploy → test → remediate iterations (overrides loop.iterations)",
            HelpName = "N",
        };
        iterations.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > 100)
            {
                result.AddError("--iterations must be between 1 and 100");
            }
        });
        var remediate = new Option<string?>("--remediate")
        {
            Description = "Command run after a RED or UNPROVEN iteration with the evidence bundle's path (argument and GREENLIGHT_BUNDLE); overrides loop.remediate",
            HelpName = "CMD",
        };
        var analysisOnly = new Option<bool>("--analysis-only")
        {
            Description = "Remediation may analyse but not change tracked files: any such change is a violation that ends the run",
        };
        var junit = new Option<string?>("--junit")
        {
            Description = "Also write the verdict as JUnit XML to FILE (one test case per test; an unproven pass is a failure with its reasons), for CI",
            HelpName = "FILE",
        };
        var command = new Command("run",
            "Deploy the services, probe them, run the selected suites phase by phase (P1 first), and write "
            + ".greenlight/runs/<run-id>/run.json, worklog.md and report.html; with --iterations and --remediate, loop: hand the evidence bundle to the "
            + "remediation command, guard its change, redeploy what changed and rerun. Exit code (the last iteration): GREEN 0, RED 1, config error 2, UNPROVEN 3, BLOCKED 4; 5 is an internal error of Greenlight, not a verdict.")
        {
            config, focus, noFailFast, iterations, remediate, analysisOnly, json, junit,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            redactor,
            quit,
            parse.GetValue(config),
            new RunOptions(parse.GetValue(focus), parse.GetValue(noFailFast) ? false : null, parse.GetValue(iterations), parse.GetValue(remediate), parse.GetValue(analysisOnly)),
            parse.GetValue(json),
            parse.GetValue(junit),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(SecretRedactor redactor, QuitHooks quit, string? configPath, RunOptions options, bool json, string? junit, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: json);
        if (ConfigSession.Open(configPath, terminal, redactor) is not { } config)
        {
            return CliApp.UsageError;
        }

        var time = TimeProvider.System;
        var progress = new ConsoleProgress(terminal);
        var pipeline = new RunPipeline(StageCatalog.Create(time, redactor), time, redactor, progress, Random.Shared, RunReporters.Create(redactor, junit));
        using var quitting = quit.Register(pipeline.QuitAtOnce);
        terminal.Line($"greenlight run: {Shown(config.SourcePath)} (focus {options.Focus ?? "all"})");
        var outcome = await progress.LiveAsync(() => pipeline.RunAsync(config, options, cancellationToken));
        if (outcome.InternalError is { } internalError)
        {
            terminal.Error($"internal error, not a verdict on your services (exit {outcome.ExitCode}): {internalError}");
            terminal.Error($"what the run wrote before it is in {outcome.RunDirectory}");
            return outcome.ExitCode;
        }

        if (outcome.Record is not { } record)
        {
            foreach (var message in outcome.ConfigErrors)
            {
                terminal.Error(message);
            }

            return outcome.ExitCode;
        }

        SummaryPrinter.Run(terminal, record, outcome.RunDirectory!);
        if (GitHubActions.Enabled)
        {
            GitHubActions.Write(record, outcome.RunDirectory!, redactor, json ? Console.Error : Console.Out);
        }

        if (json)
        {
            Terminal.Data(redactor, RunJson.Serialize(record, redactor));
        }

        return outcome.ExitCode;
    }

    /// <summary>The config as the user would type it: relative to the current folder when it is below it.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : "./" + relative;
    }
}
