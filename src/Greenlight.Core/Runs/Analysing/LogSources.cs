using Greenlight.Analysis.Logs;
using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Deploy.Remote;
using Greenlight.Secrets;

namespace Greenlight.Runs.Analysing;

/// <summary>Where a service's lines are: its captured output, its platform's logs (<c>remote.logs</c>) and its own log (<c>logs:</c>).</summary>
internal static class LogSources
{
    public static List<ILogSource> Of(AnalysisInput input, GreenlightConfig config, SecretRedactor redactor, TimeProvider time) =>
        [.. input.Deployment.LogPaths
            .Concat(input.Replaced.Where(r => r.Value.LogPath is not null).Select(r => KeyValuePair.Create(r.Key, r.Value.LogPath!)))
            .Select(kv => (ILogSource)new FileLogSource(kv.Key, kv.Value))
            .Concat(config.Services.SelectMany(s => Configured(input, s, redactor, time)))];

    private static IEnumerable<ILogSource> Configured(AnalysisInput input, ServiceConfig service, SecretRedactor redactor, TimeProvider time)
    {
        if (service.Remote is { Logs: { } remoteLogs } remote)
        {
            // {since} and {until} are the window's, filled in by the source; the revisions are known now.
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["service"] = service.Name,
                ["revision"] = input.Deployment.Service(service.Name)?.Revision,
                ["previous_revision"] = input.Replaced.GetValueOrDefault(service.Name)?.Revision,
            };
            var environment = remote.Environment.ToDictionary(kv => kv.Key, kv => Placeholders.Expand(kv.Value), StringComparer.Ordinal);
            foreach (var (name, value) in RemotePlaceholders.AsEnvironment(values))
            {
                environment[name] = value;
            }

            yield return new CommandLogSource(service.Name, RemotePlaceholders.Expand(remoteLogs, values), remote.WorkingDirectory, remote.Timeout, redactor, environment, time);
        }

        if (service.Logs is { File: { } file })
        {
            yield return new FileLogSource(service.Name, file);
        }
        else if (service.Logs is { Command: { } command } logs)
        {
            yield return new CommandLogSource(service.Name, command, logs.WorkingDirectory, logs.Timeout, redactor, time: time);
        }
    }
}
