using System.CommandLine;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

internal static class ProbeCommand
{
    public static Command Create(SecretRedactor redactor)
    {
        var config = CommonOptions.Config();
        var command = new Command("probe",
            "Print the infrastructure table now. Services with a 'url' are probed where they run; local services are "
            + "built and started for the probe and stopped after it. Exit code: 0 when every critical service is healthy, "
            + "4 (BLOCKED) otherwise, 2 for configuration errors.")
        {
            config,
        };
        command.SetAction((parse, cancellationToken) => ProbeAsync(redactor, parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> ProbeAsync(SecretRedactor redactor, string? configPath, CancellationToken cancellationToken)
    {
        if (PipelineSession.Open(redactor, configPath, machineOutput: false) is not { } session)
        {
            return CliApp.UsageError;
        }

        var (terminal, config, progress, pipeline) = session;
        var outcome = await progress.LiveAsync(() => pipeline.ProbeOnlyAsync(config, cancellationToken));
        foreach (var message in outcome.ConfigErrors)
        {
            terminal.Error(message);
        }

        if (outcome.ConfigErrors.Count > 0)
        {
            return outcome.ExitCode;
        }

        foreach (var service in outcome.Services.Where(s => !s.Deployed))
        {
            terminal.Line($"{service.Name}: did not deploy: {service.Failure}");
        }

        SummaryPrinter.Infrastructure(terminal, outcome.Probes);
        foreach (var excerpt in outcome.LogExcerpts)
        {
            terminal.Line($"Last lines of {excerpt.Service}'s log ({Path.Combine(outcome.Directory!, excerpt.Path)}):");
            foreach (var line in excerpt.Lines)
            {
                terminal.Line($"  {line}");
            }
        }

        return outcome.ExitCode;
    }
}
