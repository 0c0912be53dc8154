using Greenlight.Config;

namespace Greenlight.Stages;

/// <summary>Builds and starts (or, for remote services, deploys) one service.</summary>
public interface IDeployer
{
    /// <summary>Builds and starts one service; with <see cref="DeployContext.Built"/> set, only starts it.</summary>
    Task<DeployResult> DeployAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Builds one service ahead of its start, so that it builds while the services before it start;
    /// null when there is nothing to build apart (then <see cref="DeployAsync"/> does all of it).
    /// </summary>
    Task<ServiceBuild?> BuildAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken) => Task.FromResult<ServiceBuild?>(null);

    /// <summary>Stops everything this deployer started, whole process trees, in reverse start order.</summary>
    Task StopAllAsync(CancellationToken cancellationToken);
}

/// <param name="RunDirectory">The run folder (<c>.greenlight/runs/&lt;run-id&gt;</c>); logs go under <c>logs/</c>.</param>
/// <param name="ServiceUrls">Base URLs of services already deployed, for <c>GREENLIGHT_&lt;SERVICE&gt;_URL</c>.</param>
/// <param name="RunId">The run the services belong to (their processes are registered under it); null takes the run folder's name.</param>
/// <param name="Built">The service's build, already done by <see cref="IDeployer.BuildAsync"/>; null: build it now.</param>
public sealed record DeployContext(
    string RunDirectory,
    string RepositoryRoot,
    IReadOnlyDictionary<string, Uri> ServiceUrls,
    string? RunId = null,
    ServiceBuild? Built = null);

/// <summary>A service's build, done ahead of its start.</summary>
/// <param name="Failure">Why it failed, for people ("build exited with code 1: …"); null when it succeeded.</param>
public sealed record ServiceBuild(string Service, TimeSpan Duration, string LogPath, string? Failure)
{
    public bool Succeeded => Failure is null;
}

public sealed record DeployResult
{
    public required string Service { get; init; }
    public required bool Succeeded { get; init; }
    public Uri? Url { get; init; }
    /// <summary>e.g. "git a8aa565+build 3f9c2e1d" for a local service.</summary>
    public string? Revision { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public TimeSpan BuildDuration { get; init; }
    public TimeSpan StartDuration { get; init; }
    public string? LogPath { get; init; }
    /// <summary>Why it failed (build error, exited during start, not ready in time), for people.</summary>
    public string? Failure { get; init; }
    public int? ProcessId { get; init; }
    /// <summary>What the deployer did besides deploying, e.g. "reaped 4 processes left by run X (…)".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
