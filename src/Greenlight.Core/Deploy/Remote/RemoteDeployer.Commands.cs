using Greenlight.Config;
using Greenlight.Processes;
using Greenlight.Stages;

namespace Greenlight.Deploy.Remote;

public sealed partial class RemoteDeployer
{
    /// <summary>
    /// Runs the <c>logs</c> command for a time window and writes its stdout to
    /// <c>&lt;run dir&gt;/logs/&lt;service&gt;.remote.log</c>; returns that path, or why not.
    /// </summary>
    public async Task<(string? Path, string? Failure)> FetchLogsAsync(ServiceConfig service, DateTimeOffset since, DateTimeOffset until, DeployContext context, CancellationToken cancellationToken)
    {
        if (service.Remote?.Logs is not { } logs)
        {
            return (null, "no logs command is configured");
        }

        var values = Values(service.Name, _revisions.TryGetValue(service.Name, out var r) ? r.Current : null, r.Previous);
        values["since"] = since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        values["until"] = until.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var path = Path.Combine(context.RunDirectory, "logs", service.Name + ".remote.log");
        var (result, stdout) = await CaptureAsync(logs, service.Remote, values, LogPath(context, service.Name), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, $"logs command {result.Describe()}{Quote(result.Tail)}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, stdout, cancellationToken).ConfigureAwait(false);
        return (path, null);
    }

    private async Task<(string? Revision, string? Failure)> ReadRevisionAsync(string service, RemoteServiceConfig remote, DeployContext context, CancellationToken cancellationToken)
    {
        if (remote.Revision is not { } command)
        {
            return (null, null);
        }

        var (result, stdout) = await CaptureAsync(command, remote, Values(service, null, null), LogPath(context, service), cancellationToken).ConfigureAwait(false);
        var revision = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return !result.Succeeded ? (null, $"revision command {result.Describe()}{Quote(result.Tail)}")
            : revision is null ? (null, "revision command printed nothing")
            : (revision, null);
    }

    /// <summary>The commit being deployed, for image tags: <c>{revision}</c> in a deploy command.</summary>
    private async Task<string?> SourceRevisionAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var head = await new Repository.Git(processes).RunAsync(context.RepositoryRoot, ["rev-parse", "--short=12", "HEAD"], cancellationToken).ConfigureAwait(false);
        return head.Succeeded ? head.Output.Trim() : null;
    }

    private Task<ProcessResult> RunAsync(string command, RemoteServiceConfig remote, Dictionary<string, string?> values, string log, CancellationToken cancellationToken) =>
        processes.RunAsync(Spec(command, remote, values, log), cancellationToken);

    private async Task<(ProcessResult Result, string Stdout)> CaptureAsync(string command, RemoteServiceConfig remote, Dictionary<string, string?> values, string log, CancellationToken cancellationToken)
    {
        var stdoutPath = Path.Combine(Path.GetTempPath(), "greenlight-remote-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await ShellCapture.RunAsync(processes, Spec(command, remote, values, log), stdoutPath, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(stdoutPath);
        }
    }

    private static ProcessSpec Spec(string command, RemoteServiceConfig remote, Dictionary<string, string?> values, string log)
    {
        var environment = remote.Environment.ToDictionary(kv => kv.Key, kv => Placeholders.Expand(kv.Value), StringComparer.Ordinal);
        foreach (var (name, value) in RemotePlaceholders.AsEnvironment(values))
        {
            environment[name] = value;
        }

        return ProcessSpec.Shell(RemotePlaceholders.Expand(command, values)) with
        {
            WorkingDirectory = remote.WorkingDirectory,
            Environment = environment,
            Timeout = remote.Timeout,
            LogPath = log,
            TimestampLines = true,
        };
    }

    private static Dictionary<string, string?> Values(string service, string? revision, string? previous) =>
        new(StringComparer.Ordinal) { ["service"] = service, ["revision"] = revision, ["previous_revision"] = previous };

    private static string LogPath(DeployContext context, string service) =>
        Path.Combine(context.RunDirectory, "logs", service + ".deploy.log");

    private static string Quote(IReadOnlyList<string> tail) =>
        tail.Count == 0 ? "" : ": " + string.Join(" | ", tail.TakeLast(6));
}
