using Greenlight.Cli.Output;
using Greenlight.Config;
using Greenlight.Reporting;
using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Cli.Hosting;

/// <summary>
/// What every command that runs the pipeline starts with: a terminal, the config opened (<see cref="ConfigSession"/>),
/// the console progress and a pipeline over the real stages.
/// </summary>
internal sealed record PipelineSession(Terminal Terminal, GreenlightConfig Config, ConsoleProgress Progress, RunPipeline Pipeline)
{
    /// <param name="reporters">The run's outputs; null for the pipeline's default (run.json and the worklog).</param>
    /// <returns>Null after the config's errors were printed (the command exits with <c>CliApp.UsageError</c>).</returns>
    public static PipelineSession? Open(SecretRedactor redactor, string? configPath, bool machineOutput, CompositeReporter? reporters = null)
    {
        var terminal = new Terminal(redactor, machineOutput);
        if (ConfigSession.Open(configPath, terminal, redactor) is not { } config)
        {
            return null;
        }

        var time = TimeProvider.System;
        var progress = new ConsoleProgress(terminal);
        return new(terminal, config, progress, new RunPipeline(StageCatalog.Create(time, redactor), time, redactor, progress, Random.Shared, reporters));
    }
}
