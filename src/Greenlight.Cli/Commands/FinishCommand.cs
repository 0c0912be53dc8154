using System.CommandLine;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight finish RUN_ID</c>: the sharded run's one verdict.</summary>
internal static class FinishCommand
{
    public static Command Create(SecretRedactor redactor, QuitHooks quit)
    {
        var config = CommonOptions.Config();
        var runId = new Argument<string>("RUN_ID") { Description = "The run id `greenlight run --deploy-only` printed" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "Wait at most this long for every shard to report (default 30m); a shard that has not reported by then makes the run UNPROVEN, named with the tests it owned",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "30m",
        };
        timeout.Validators.Add(Shards.DurationValidator("--timeout"));
        var json = CommonOptions.Json("Print run.json on stdout when the run is finished (progress goes to stderr)");
        var command = new Command("finish",
            "Wait until every shard of RUN_ID reported (or --timeout), merge their results, judge proof, analyse, and write the run's one verdict "
            + "to .greenlight/runs/RUN_ID/ (run.json, worklog.md, report.html), history and tracking, as a single-machine run does; "
            + "then the deploy-only run stops its services. Exit code as `greenlight run`.")
        {
            runId, config, timeout, json,
        };
        command.SetAction((parse, cancellationToken) => FinishAsync(
            redactor, quit, parse.GetValue(config), parse.GetValue(runId)!, Shards.Duration(parse.GetValue(timeout)!), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> FinishAsync(SecretRedactor redactor, QuitHooks quit, string? configPath, string runId, TimeSpan timeout, bool json, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: json);
        if (ConfigSession.Open(configPath, terminal, redactor) is not { } config)
        {
            return CliApp.UsageError;
        }

        var time = TimeProvider.System;
        var progress = new ConsoleProgress(terminal);
        var pipeline = new RunPipeline(StageCatalog.Create(time, redactor), time, redactor, progress, Random.Shared, RunReporters.Create(redactor, null));
        using var quitting = quit.Register(pipeline.QuitAtOnce);
        terminal.Line($"greenlight finish {runId}: {config.SourcePath}");
        var outcome = await progress.LiveAsync(() => pipeline.FinishAsync(config, runId, timeout, cancellationToken));
        return Shards.Print(terminal, redactor, outcome, json, null);
    }
}
