using System.Collections.Concurrent;
using Greenlight.Config;
using Greenlight.Processes;
using Greenlight.Stages;

namespace Greenlight.Deploy.Remote;

/// <summary>
/// Deploys services that live on someone else's platform by running the user's own commands
/// (<see cref="RemoteServiceConfig"/>): it reads the serving revision before and after a deploy,
/// so a bad revision can be rolled back to the one before it. Remote services keep running after
/// the run; <see cref="StopAllAsync"/> stops nothing.
/// </summary>
public sealed partial class RemoteDeployer(ChildProcess processes, TimeProvider time) : IRollbackDeployer
{
    private readonly ConcurrentDictionary<string, (string? Previous, string? Current)> _revisions = new(StringComparer.Ordinal);

    /// <summary>The revision that served before the last deploy of <paramref name="service"/>, if known.</summary>
    public string? PreviousRevision(string service) => _revisions.TryGetValue(service, out var r) ? r.Previous : null;

    public async Task<DeployResult> DeployAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken)
    {
        if (service.Remote is not { } remote)
        {
            return new DeployResult { Service = service.Name, Succeeded = false, Failure = "has no remote section" };
        }

        var startedAt = time.GetUtcNow();
        var clock = time.GetTimestamp();
        var log = LogPath(context, service.Name);
        var previous = await ReadRevisionAsync(service.Name, remote, context, cancellationToken).ConfigureAwait(false);
        if (remote.Deploy is { } deploy)
        {
            var values = Values(service.Name, revision: await SourceRevisionAsync(context, cancellationToken).ConfigureAwait(false), previous: previous.Revision);
            var result = await RunAsync(deploy, remote, values, log, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return new DeployResult
                {
                    Service = service.Name,
                    Succeeded = false,
                    Url = remote.Url,
                    Revision = previous.Revision,
                    StartedAt = startedAt,
                    StartDuration = time.GetElapsedTime(clock),
                    LogPath = log,
                    Failure = $"deploy command {result.Describe()}{Quote(result.Tail)}",
                };
            }
        }

        var current = await ReadRevisionAsync(service.Name, remote, context, cancellationToken).ConfigureAwait(false);
        _revisions[service.Name] = (previous.Revision, current.Revision);
        return new DeployResult
        {
            Service = service.Name,
            Succeeded = current.Failure is null,
            Url = remote.Url,
            Revision = current.Revision,
            StartedAt = startedAt,
            StartDuration = time.GetElapsedTime(clock),
            LogPath = log,
            Failure = current.Failure,
        };
    }

    public async Task<RollbackResult> RollbackAsync(ServiceConfig service, string? toRevision, DeployContext context, CancellationToken cancellationToken)
    {
        var clock = time.GetTimestamp();
        var known = _revisions.TryGetValue(service.Name, out var r) ? r : (Previous: null, Current: null);
        var target = toRevision ?? known.Previous;
        var failed = new RollbackResult { Service = service.Name, Succeeded = false, FromRevision = known.Current, ToRevision = target };
        if (service.Remote is not { } remote || remote.Rollback is not { } rollback)
        {
            return failed with { Failure = "no rollback command is configured (services." + service.Name + ".remote.rollback)" };
        }

        if (target is null)
        {
            return failed with { Failure = "no earlier revision is known to roll back to" };
        }

        var log = LogPath(context, service.Name);
        var result = await RunAsync(rollback, remote, Values(service.Name, target, known.Current), log, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return failed with { Failure = $"rollback command {result.Describe()}{Quote(result.Tail)}", Duration = time.GetElapsedTime(clock), LogPath = log };
        }

        var now = await ReadRevisionAsync(service.Name, remote, context, cancellationToken).ConfigureAwait(false);
        _revisions[service.Name] = (known.Previous, now.Revision ?? target);
        var mismatch = now.Revision is not null && now.Revision != target;
        return failed with
        {
            Succeeded = !mismatch,
            ActualRevision = now.Revision,
            Duration = time.GetElapsedTime(clock),
            LogPath = log,
            Failure = mismatch ? $"the rollback command succeeded but {now.Revision} is serving, not {target}" : null,
        };
    }

    public Task StopAllAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
