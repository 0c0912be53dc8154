using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Stages;

namespace Greenlight.Deploy;

/// <summary>
/// Builds and starts services as local processes on loopback ports, waits until each accepts
/// connections, and stops every tree it started. Each service's output goes to
/// <c>&lt;run dir&gt;/logs/&lt;service&gt;.log</c> (lines stamped with UTC time), its build to
/// <c>&lt;service&gt;.build.log</c>; its process group is recorded in <see cref="PidRegistry"/> under
/// the run id (the run folder's name), so runs started side by side never stop each other's services.
/// </summary>
public sealed partial class LocalDeployer(ChildProcess processes, TimeProvider time, LocalDeployerOptions? options = null) : IDeployer, IServiceWatcher
{
    private readonly LocalDeployerOptions _options = options ?? new LocalDeployerOptions();
    private readonly List<(string Service, RunningProcess Process, PidRegistry Registry)> _started = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _reap = new(1, 1);
    private readonly HashSet<string> _reapedRoots = new(StringComparer.Ordinal);
    private readonly List<string> _notes = [];
    private readonly List<ServiceExitRecord> _exits = [];

    /// <summary>What the deployer did besides deploying, e.g. "reaped 4 processes left by run X (…)" for a killed run's services.</summary>
    public IReadOnlyList<string> Notes { get { lock (_gate) { return [.. _notes]; } } }

    /// <summary>Services that ended on their own after they were ready (Greenlight did not stop them), in the order they ended.</summary>
    public IReadOnlyList<ServiceExitRecord> Exits { get { lock (_gate) { return [.. _exits]; } } }

    public async Task<DeployResult> DeployAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken)
    {
        var reaped = service.Local is null ? [] : await ReapStaleOnceAsync(PidRegistry.ForRun(context.RepositoryRoot, RunIdOf(context), time)).ConfigureAwait(false);
        var result = await DeployServiceAsync(service, context, cancellationToken).ConfigureAwait(false);
        return reaped.Count == 0 ? result : result with { Notes = [.. reaped, .. result.Notes] };
    }

    private async Task<DeployResult> DeployServiceAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken)
    {
        if (service.Local is not { } local)
        {
            return service.Url is { } url
                ? new DeployResult { Service = service.Name, Succeeded = true, Url = url }
                : Failed(service.Name, "has neither a local section nor a url");
        }

        var registry = PidRegistry.ForRun(context.RepositoryRoot, RunIdOf(context), time);
        var logs = Path.Combine(context.RunDirectory, "logs");
        Directory.CreateDirectory(logs);

        var built = context.Built ?? await BuildAsync(service, context, cancellationToken).ConfigureAwait(false);
        if (built is { Succeeded: false })
        {
            return Failed(service.Name, built.Failure!) with { BuildDuration = built.Duration, LogPath = built.LogPath };
        }

        var buildDuration = built?.Duration ?? TimeSpan.Zero;
        var port = local.Port ?? FreePort.Pick();
        if (local.Port is not null && !FreePort.IsFree(port))
        {
            return Failed(service.Name, $"port {port} is already in use (the fixed port of service '{service.Name}')") with { BuildDuration = buildDuration };
        }

        return await StartAsync(service, local, context, registry, port, buildDuration, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceBuild?> BuildAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken)
    {
        if (service.Local is not { Build: { } build } local)
        {
            return null;
        }

        var logs = Path.Combine(context.RunDirectory, "logs");
        Directory.CreateDirectory(logs);
        var buildLog = Path.Combine(logs, service.Name + ".build.log");
        var start = time.GetTimestamp();
        var built = await processes.RunAsync(
            ProcessSpec.Shell(Placeholders.Expand(build)) with
            {
                WorkingDirectory = local.WorkingDirectory,
                Environment = ExpandEnvironment(local, port: null),
                Timeout = _options.BuildTimeout,
                LogPath = buildLog,
            },
            cancellationToken).ConfigureAwait(false);
        return new ServiceBuild(service.Name, time.GetElapsedTime(start), buildLog, built.Succeeded ? null : $"build {built.Describe()}{Quote(built.Tail)}");
    }

    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        List<(string Service, RunningProcess Process, PidRegistry Registry)> started;
        lock (_gate)
        {
            started = [.. _started];
            started.Reverse();
        }

        // Each stays in the list until it is gone, so a quit at once (KillAll) during the grace period still finds it.
        foreach (var (service, process, registry) in started)
        {
            await StopOneAsync(service, process, registry).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, string> ExpandEnvironment(LocalServiceConfig local, int? port, IReadOnlyDictionary<string, string>? known = null) =>
        local.Environment.ToDictionary(kv => kv.Key, kv => Placeholders.Expand(kv.Value, port, known), StringComparer.Ordinal);

    /// <returns>What was reaped now, as sentences for the console and the worklog.</returns>
    private async Task<IReadOnlyList<string>> ReapStaleOnceAsync(PidRegistry registry)
    {
        await _reap.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_reapedRoots.Add(registry.Directory))
            {
                return [];
            }

            var reaped = (await registry.ReapOrphansAsync(_options.KillGrace).ConfigureAwait(false)).Select(r => r.ToString()).ToList();
            lock (_gate)
            {
                _notes.AddRange(reaped);
            }

            return reaped;
        }
        finally
        {
            _reap.Release();
        }
    }

    // The run folder is named by the run id (.greenlight/runs/<id>), as history and reports name it.
    private static string RunIdOf(DeployContext context) =>
        context.RunId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(context.RunDirectory));

    private string Quote(IReadOnlyList<string> tail) =>
        tail.Count == 0 ? "" : ": " + string.Join(" | ", tail.TakeLast(_options.FailureLines));

    private static DeployResult Failed(string service, string failure) =>
        new() { Service = service, Succeeded = false, Failure = failure };
}
