using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Config;
using Greenlight.Config.Loading;
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
        if (PipelineSession.Open(redactor, configPath, json, RunReporters.Create(redactor, null)) is not { } session)
        {
            return CliApp.UsageError;
        }

        using var quitting = quit.Register(session.Pipeline.QuitAtOnce);
        session.Terminal.Line(headline(session.Config));
        var outcome = await session.Progress.LiveAsync(() => role(session.Pipeline, session.Config));
        return RunOutcomePrinter.Print(session.Terminal, redactor, outcome, json, footer);
    }
}
