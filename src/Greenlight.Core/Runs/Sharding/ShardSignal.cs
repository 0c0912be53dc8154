namespace Greenlight.Runs.Sharding;

/// <summary>
/// Fail-fast across shards: a shard whose phase misses its criterion raises the run's stop flag in the
/// store; every shard reads it at its phase boundaries and stops there. The store is read once per phase.
/// </summary>
public sealed class ShardSignal(IShardStore store, string runId, ShardSpec shard, IRunProgress progress)
{
    public ShardSpec Shard => shard;

    public async Task PhaseFailedAsync(string phase, CancellationToken cancellationToken)
    {
        var raised = await store.StopAsync(runId, $"phase {phase} missed its criterion in shard {shard}", cancellationToken);
        progress.Step("shard", shard.ToString(), raised.Succeeded
            ? $"phase {phase} failed: the other shards stop at their next phase boundary"
            : $"phase {phase} failed, but the other shards could not be told: {raised.Error}", raised.Succeeded ? null : false);
    }

    /// <summary>Why another shard asked every shard to stop; null to go on (also when the store cannot say: the shard goes on).</summary>
    public async Task<string?> StopReasonAsync(CancellationToken cancellationToken)
    {
        var reason = await store.StopReasonAsync(runId, cancellationToken);
        if (!reason.Succeeded)
        {
            progress.Step("shard", shard.ToString(), $"could not read the stop flag: {reason.Error}; going on", false);
            return null;
        }

        if (reason.Value is { } why)
        {
            progress.Step("shard", shard.ToString(), $"stopping at the phase boundary: {why}", false);
        }

        return reason.Value;
    }
}
