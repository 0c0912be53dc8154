using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Config;
using Greenlight.Config.Loading;
using Greenlight.Reporting;
using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

/// <summary>What the sharded roles (<c>run --deploy-only</c>, <c>run --attach</c>, <c>finish</c>) print.</summary>
internal static class Shards
{
    /// <summary>The option's value must be a positive duration (90s, 30m, 2h).</summary>
    public static Action<System.CommandLine.Parsing.OptionResult> DurationValidator(string name) => result =>
    {
        if (!DurationText.TryParse(result.GetValueOrDefault<string>() ?? "", out var value) || value <= TimeSpan.Zero)
        {
            result.AddError($"{name} must be a duration such as 90s, 30m or 2h");
        }
    };

    public static TimeSpan Duration(string text) => DurationText.TryParse(text, out var value) ? value : TimeSpan.FromHours(2);

    /// <summary>"run id: ID" on the console, and <c>run-id=ID</c> in <c>$GITHUB_OUTPUT</c> when a GitHub Actions step sets it (the deploy job's output).</summary>
    public static void Announce(Terminal terminal, string runId)
    {
        terminal.Line($"run id: {runId}");
        if (Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } output)
        {
            File.AppendAllText(output, $"run-id={runId}\n");
        }
    }

    /// <summary>
    /// A shard or the finish: the config opened, a pipeline with the run's outputs and Ctrl+C hooked up, the headline,
    /// the role run with the live view, and its outcome printed as <c>greenlight run</c> prints one.
    /// </summary>
    public static async Task<int> RunRoleAsync(
        SecretRedactor redactor, QuitHooks quit, string? configPath, bool json, Func<GreenlightConfig, string> headline,
        Func<RunPipeline, GreenlightConfig, Task<RunOutcome>> role, string? footer)
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
        terminal.Line(headline(config));
        var outcome = await progress.LiveAsync(() => role(pipeline, config));
        return Print(terminal, redactor, outcome, json, footer);
    }

    /// <summary>A role's outcome as <c>greenlight run</c> prints one: errors, or the summary (and run.json with --json); the exit code.</summary>
    public static int Print(Terminal terminal, SecretRedactor redactor, RunOutcome outcome, bool json, string? footer)
    {
        if (outcome.InternalError is { } internalError)
        {
            terminal.Error($"internal error, not a verdict on your services (exit {outcome.ExitCode}): {internalError}");
            if (outcome.RunDirectory is { } folder)
            {
                terminal.Error($"what the run wrote before it is in {folder}");
            }

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
        if (footer is not null)
        {
            terminal.Line(footer);
        }

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
}
