using System.CommandLine;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Runs;
using Greenlight.Runs.Sharding;
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
        var deployOnly = new Option<bool>("--deploy-only")
        {
            Description = "Deploy, probe and record the deployment under a new run id (printed; needs history: {postgres: ...} to share it) and run no tests; "
                + "local services keep running in this process until `greenlight finish RUN_ID` (or --serve-timeout)",
        };
        var serveTimeout = new Option<string>("--serve-timeout")
        {
            Description = "With --deploy-only: stop serving the local services after this long even if finish never came (default 2h)",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "2h",
        };
        serveTimeout.Validators.Add(Shards.DurationValidator("--serve-timeout"));
        var attach = new Option<string?>("--attach")
        {
            Description = "Run one shard (--shard I/N) of every selected suite against the deployment of RUN_ID (no deploy; its own proxies and proof); "
                + "results go to .greenlight/runs/RUN_ID/shards/I/ and to the history store for `greenlight finish`",
            HelpName = "RUN_ID",
        };
        var runId = new Option<string?>("--run-id")
        {
            Description = "With --deploy-only: record the deployment under this run id instead of a new one (e.g. one id shared by Kubernetes Jobs)",
            HelpName = "RUN_ID",
        };
        var shard = new Option<string?>("--shard") { Description = "With --attach: which shard this is, I of N (e.g. 2/4)", HelpName = "I/N" };
        var command = new Command("run",
            "Deploy the services, probe them, run the selected suites phase by phase (P1 first), and write "
            + ".greenlight/runs/<run-id>/run.json, worklog.md and report.html; with --iterations and --remediate, loop: hand the evidence bundle to the "
            + "remediation command, guard its change, redeploy what changed and rerun. Exit code (the last iteration): GREEN 0, RED 1, config error 2, UNPROVEN 3, BLOCKED 4; 5 is an internal error of Greenlight, not a verdict.")
        {
            config, focus, noFailFast, iterations, remediate, analysisOnly, json, junit, deployOnly, serveTimeout, runId, attach, shard,
        };
        command.Validators.Add(result =>
        {
            var attaching = result.GetValue(attach) is not null;
            if (result.GetValue(runId) is not null && !result.GetValue(deployOnly))
            {
                result.AddError("--run-id goes with --deploy-only");
            }

            if (result.GetValue(deployOnly) && attaching)
            {
                result.AddError("--deploy-only and --attach are two roles: use one");
            }

            if (attaching != (result.GetValue(shard) is not null))
            {
                result.AddError("--attach RUN_ID and --shard I/N go together");
            }
            else if (result.GetValue(shard) is { } text && ShardSpec.Parse(text).Error is { } error)
            {
                result.AddError(error);
            }

            if ((result.GetValue(deployOnly) || attaching) && (result.GetValue(iterations) is > 1 || result.GetValue(remediate) is not null))
            {
                result.AddError("a sharded run has one iteration: --iterations and --remediate do not apply to --deploy-only or --attach");
            }
        });
        command.SetAction((parse, cancellationToken) => parse.GetValue(deployOnly)
            ? DeployOnlyAsync(redactor, quit, parse.GetValue(config), parse.GetValue(focus), Shards.Duration(parse.GetValue(serveTimeout)!), parse.GetValue(runId), cancellationToken)
            : parse.GetValue(attach) is { } attached
            ? AttachAsync(redactor, quit, parse.GetValue(config), attached, ShardSpec.Parse(parse.GetValue(shard)!).Shard!, parse.GetValue(json), cancellationToken)
            : RunAsync(
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
        if (PipelineSession.Open(redactor, configPath, json, RunReporters.Create(redactor, junit)) is not { } session)
        {
            return CliApp.UsageError;
        }

        using var quitting = quit.Register(session.Pipeline.QuitAtOnce);
        session.Terminal.Line($"greenlight run: {Shown(session.Config.SourcePath)} (focus {options.Focus ?? "all"})");
        var outcome = await session.Progress.LiveAsync(() => session.Pipeline.RunAsync(session.Config, options, cancellationToken));
        return RunOutcomePrinter.Print(session.Terminal, redactor, outcome, json, footer: null);
    }

    private static async Task<int> DeployOnlyAsync(SecretRedactor redactor, QuitHooks quit, string? configPath, string? focus, TimeSpan serveTimeout, string? runId, CancellationToken cancellationToken)
    {
        if (PipelineSession.Open(redactor, configPath, machineOutput: false) is not { } session)
        {
            return CliApp.UsageError;
        }

        // A second Ctrl+C kills the services it serves at once, as it does in a whole run.
        using var quitting = quit.Register(session.Pipeline.QuitAtOnce);
        session.Terminal.Line($"greenlight run --deploy-only: {Shown(session.Config.SourcePath)} (focus {focus ?? "all"})");
        var outcome = await session.Progress.LiveAsync(() => session.Pipeline.DeployOnlyAsync(
            session.Config, new RunOptions(focus), serveTimeout, runId, id => Shards.Announce(session.Terminal, id), cancellationToken));
        foreach (var message in outcome.Errors)
        {
            session.Terminal.Error(message);
        }

        return outcome.ExitCode;
    }

    private static Task<int> AttachAsync(SecretRedactor redactor, QuitHooks quit, string? configPath, string runId, ShardSpec shard, bool json, CancellationToken cancellationToken) =>
        Shards.RunRoleAsync(redactor, quit, configPath, json,
            config => $"greenlight run --attach {runId} --shard {shard}: {Shown(config.SourcePath)}",
            (pipeline, config) => pipeline.AttachAsync(config, runId, shard, cancellationToken),
            $"shard {shard} of run {runId}: this is one shard's part; `greenlight finish {runId}` writes the run's verdict");

    /// <summary>The config as the user would type it: relative to the current folder when it is below it.</summary>
    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : "./" + relative;
    }
}
