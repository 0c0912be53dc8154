using Greenlight.Reporting;
using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Cli.Output;

/// <summary>A run's outcome as <c>greenlight run</c>, a shard and <c>greenlight finish</c> print it.</summary>
internal static class RunOutcomePrinter
{
    /// <summary>Errors, or the summary (and run.json with --json, the GitHub Actions outputs inside Actions); the exit code.</summary>
    /// <param name="footer">A line after the summary (a shard says where the run's verdict is written).</param>
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
