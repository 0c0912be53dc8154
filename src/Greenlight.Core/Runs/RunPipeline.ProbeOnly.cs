using Greenlight.Config.Loading;
using Greenlight.Model;
using Greenlight.Planning;

namespace Greenlight.Runs;

/// <summary>The infrastructure right now: deployed services and probe results, or configuration errors.</summary>
public sealed record ProbeOutcome(
    IReadOnlyList<ServiceRecord> Services,
    IReadOnlyList<ProbeRecord> Probes,
    IReadOnlyList<LogExcerpt> LogExcerpts,
    string? Directory,
    IReadOnlyList<string> ConfigErrors)
{
    /// <summary>0 when every critical service is up, 4 (BLOCKED) otherwise, 2 for configuration errors.</summary>
    public int ExitCode => ConfigErrors.Count > 0 ? (int)Verdict.ConfigError
        : Services.Any(s => s.Critical && !s.Deployed) || Probes.Any(p => p.Critical && !p.Healthy) ? (int)Verdict.Blocked
        : (int)Verdict.Green;
}

public sealed partial class RunPipeline
{
    /// <summary>
    /// <c>greenlight probe</c>: services with a <c>url</c> are probed where they run; local services are
    /// started for the probe and stopped after it, so the table always describes a real deployment.
    /// Logs go to <c>.greenlight/probes/&lt;id&gt;/logs</c>.
    /// </summary>
    public async Task<ProbeOutcome> ProbeOnlyAsync(string configPath, CancellationToken cancellationToken)
    {
        var loaded = ConfigLoader.Load(configPath);
        if (!loaded.Succeeded)
        {
            return new([], [], [], null, [.. loaded.Errors.Select(e => e.ToString())]);
        }

        var config = loaded.Config!;
        foreach (var secret in config.SecretValues)
        {
            redactor.Add(secret);
        }

        var missing = stages.Missing(config, []);
        if (missing.Count > 0)
        {
            return new([], [], [], null, missing);
        }

        var directory = Path.Combine(config.RootDirectory, ".greenlight", "probes", RunId.Create(time, random));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "logs"));
        var state = new RunState(config, new RunPlan("probe", "probe only", []), directory, time.GetUtcNow(), time.GetTimestamp(), failFast: true);
        try
        {
            await DeployAllAsync(state, null, cancellationToken);
            await ProbeAllAsync(state, cancellationToken);
            if (state.Blocked)
            {
                await CollectLogExcerptsAsync(state);
            }
        }
        finally
        {
            await StopAllAsync();
        }

        return new(state.Services, state.Probes, state.LogExcerpts, directory, []);
    }
}
