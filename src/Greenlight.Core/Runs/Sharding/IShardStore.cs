using Greenlight.Runs.History;

namespace Greenlight.Runs.Sharding;

/// <summary>
/// Where the roles of a sharded run meet (the history store: <c>history: {postgres: …}</c> when the roles
/// run on several machines). Every value is a JSON document the roles write and read; every method
/// returns a problem instead of throwing.
/// </summary>
public interface IShardStore
{
    /// <summary>The deployment a <c>--deploy-only</c> run recorded (<see cref="ShardDeployment"/>), under a new run id.</summary>
    Task<HistoryAnswer<bool>> SaveDeploymentAsync(string runId, string project, string deploymentJson, CancellationToken cancellationToken);

    /// <summary>The recorded deployment; null when no deploy-only run recorded this id.</summary>
    Task<HistoryAnswer<string?>> DeploymentAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="planJson"/> unless a plan is already stored; returns the stored one (the first shard's wins).</summary>
    Task<HistoryAnswer<string>> PlanAsync(string runId, string planJson, CancellationToken cancellationToken);

    /// <summary>The stored plan; null before a shard made one.</summary>
    Task<HistoryAnswer<string?>> ReadPlanAsync(string runId, CancellationToken cancellationToken);

    /// <summary>A shard's results; false when the shard had already reported (the first report is kept, a second is ignored).</summary>
    Task<HistoryAnswer<bool>> ReportAsync(string runId, int shard, string reportJson, CancellationToken cancellationToken);

    /// <summary>Every shard's report by shard number (1-based).</summary>
    Task<HistoryAnswer<IReadOnlyDictionary<int, string>>> ReportsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Asks every shard to stop at its next phase boundary; the first reason is kept.</summary>
    Task<HistoryAnswer<bool>> StopAsync(string runId, string reason, CancellationToken cancellationToken);

    /// <summary>Why the shards were asked to stop; null when they were not.</summary>
    Task<HistoryAnswer<string?>> StopReasonAsync(string runId, CancellationToken cancellationToken);

    /// <summary><c>greenlight finish</c> wrote the verdict: the deploy-only run may stop its services.</summary>
    Task<HistoryAnswer<bool>> MarkFinishedAsync(string runId, CancellationToken cancellationToken);

    Task<HistoryAnswer<bool>> FinishedAsync(string runId, CancellationToken cancellationToken);
}

/// <summary>A history store that can also coordinate shards (the SQL stores can).</summary>
public interface IShardStoreProvider
{
    IShardStore? Shards { get; }
}
