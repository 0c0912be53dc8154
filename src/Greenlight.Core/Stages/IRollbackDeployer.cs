using Greenlight.Config;

namespace Greenlight.Stages;

/// <summary>A deployer that can put a service back on an earlier revision (the last good one).</summary>
public interface IRollbackDeployer : IDeployer
{
    /// <param name="toRevision">The revision to return to; null for the one that served before the last deploy.</param>
    Task<RollbackResult> RollbackAsync(ServiceConfig service, string? toRevision, DeployContext context, CancellationToken cancellationToken);
}

/// <summary>How a rollback ended. A failed rollback is a value with a reason, never an exception.</summary>
public sealed record RollbackResult
{
    public required string Service { get; init; }
    public required bool Succeeded { get; init; }
    /// <summary>The revision that was serving (the bad one), when known.</summary>
    public string? FromRevision { get; init; }
    /// <summary>The revision asked for.</summary>
    public string? ToRevision { get; init; }
    /// <summary>The revision serving after the rollback, as the platform reports it.</summary>
    public string? ActualRevision { get; init; }
    public TimeSpan Duration { get; init; }
    public string? Failure { get; init; }
    public string? LogPath { get; init; }

    /// <summary>The worklog line: "rolled back backend from backend-00346 to backend-00345".</summary>
    public string Describe() => Succeeded
        ? $"rolled back {Service} from {FromRevision ?? "(unknown)"} to {ActualRevision ?? ToRevision}"
        : $"rollback of {Service} to {ToRevision ?? "(none)"} failed: {Failure}";
}
