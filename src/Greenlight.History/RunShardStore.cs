using Greenlight.Runs.History;

namespace Greenlight.History;

/// <summary>The sharded run's meeting place in the same store (<see cref="SqlHistoryStore"/>'s shard tables).</summary>
public sealed class RunShardStore(SqlHistoryStore store) : Greenlight.Runs.Sharding.IShardStore
{
    public async Task<HistoryAnswer<bool>> SaveDeploymentAsync(string runId, string project, string deploymentJson, CancellationToken cancellationToken) =>
        Answer(await store.SaveShardDeploymentAsync(runId, project, deploymentJson, cancellationToken));

    public async Task<HistoryAnswer<string?>> DeploymentAsync(string runId, CancellationToken cancellationToken) =>
        Answer(await store.ShardColumnAsync(runId, ShardColumn.Deployment, cancellationToken));

    public async Task<HistoryAnswer<string>> PlanAsync(string runId, string planJson, CancellationToken cancellationToken)
    {
        var set = await store.SetShardColumnOnceAsync(runId, ShardColumn.Plan, planJson, cancellationToken);
        if (!set.Succeeded)
        {
            return HistoryAnswer<string>.Fail(set.Error!);
        }

        var stored = await store.ShardColumnAsync(runId, ShardColumn.Plan, cancellationToken);
        return stored.Succeeded && stored.Value is { } plan ? HistoryAnswer<string>.Ok(plan) : HistoryAnswer<string>.Fail(stored.Error ?? $"run {runId} has no recorded deployment");
    }

    public async Task<HistoryAnswer<string?>> ReadPlanAsync(string runId, CancellationToken cancellationToken) =>
        Answer(await store.ShardColumnAsync(runId, ShardColumn.Plan, cancellationToken));

    public async Task<HistoryAnswer<bool>> ReportAsync(string runId, int shard, string reportJson, CancellationToken cancellationToken) =>
        Answer(await store.SaveShardReportAsync(runId, shard, reportJson, cancellationToken));

    public async Task<HistoryAnswer<IReadOnlyDictionary<int, string>>> ReportsAsync(string runId, CancellationToken cancellationToken) =>
        Answer(await store.ShardReportsAsync(runId, cancellationToken));

    public async Task<HistoryAnswer<bool>> StopAsync(string runId, string reason, CancellationToken cancellationToken) =>
        Answer(await store.SetShardColumnOnceAsync(runId, ShardColumn.StopReason, reason, cancellationToken));

    public async Task<HistoryAnswer<string?>> StopReasonAsync(string runId, CancellationToken cancellationToken) =>
        Answer(await store.ShardColumnAsync(runId, ShardColumn.StopReason, cancellationToken));

    public async Task<HistoryAnswer<bool>> MarkFinishedAsync(string runId, CancellationToken cancellationToken) =>
        Answer(await store.MarkShardRunFinishedAsync(runId, cancellationToken));

    public async Task<HistoryAnswer<bool>> FinishedAsync(string runId, CancellationToken cancellationToken)
    {
        var finished = await store.ShardColumnAsync(runId, ShardColumn.Finished, cancellationToken);
        return finished.Succeeded ? HistoryAnswer<bool>.Ok(finished.Value is not null) : HistoryAnswer<bool>.Fail(finished.Error!);
    }

    private static HistoryAnswer<T> Answer<T>(HistoryResult<T> result) => result.Succeeded ? HistoryAnswer<T>.Ok(result.Value!) : HistoryAnswer<T>.Fail(result.Error!);
}
