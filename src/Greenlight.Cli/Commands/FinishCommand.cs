using System.CommandLine;
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

    private static Task<int> FinishAsync(SecretRedactor redactor, QuitHooks quit, string? configPath, string runId, TimeSpan timeout, bool json, CancellationToken cancellationToken) =>
        Shards.RunRoleAsync(redactor, quit, configPath, json,
            config => $"greenlight finish {runId}: {config.SourcePath}",
            (pipeline, config) => pipeline.FinishAsync(config, runId, timeout, cancellationToken),
            footer: null);
}
