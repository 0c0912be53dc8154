using System.Globalization;

namespace Greenlight.History;

/// <summary>
/// The tables a sharded run's roles meet in (schema v5): one row per run in <c>shard_runs</c> (deployment,
/// plan, stop flag, finished), one row per shard in <c>shard_reports</c>. First writer wins everywhere,
/// so a shard that reports twice is counted once.
/// </summary>
public abstract partial class SqlHistoryStore
{
    public Task<HistoryResult<bool>> SaveShardDeploymentAsync(string runId, string project, string deployment, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, null, "INSERT INTO shard_runs (run_id, project, deployment, created_ms) VALUES (@run, @project, @deployment, @at)",
                cancellationToken, ("@run", runId), ("@project", project), ("@deployment", deployment), ("@at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            return HistoryResult<bool>.Ok(true);
        });

    public Task<HistoryResult<string?>> ShardColumnAsync(string runId, ShardColumn column, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var value = await ScalarAsync(connection, null, $"SELECT {Name(column)} FROM shard_runs WHERE run_id = @run", cancellationToken, ("@run", runId));
            return HistoryResult<string?>.Ok(value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture));
        });

    /// <summary>Sets the column (plan or stop reason) unless it is set; true when this call set it.</summary>
    public Task<HistoryResult<bool>> SetShardColumnOnceAsync(string runId, ShardColumn column, string value, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            var name = Name(column);
            await using var command = Command(connection, null, $"UPDATE shard_runs SET {name} = @value WHERE run_id = @run AND {name} IS NULL", ("@value", value), ("@run", runId));
            return HistoryResult<bool>.Ok(await command.ExecuteNonQueryAsync(cancellationToken) == 1);
        });

    /// <summary>True when this is the shard's first report; a later one is ignored.</summary>
    public Task<HistoryResult<bool>> SaveShardReportAsync(string runId, int shard, string report, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null,
                "INSERT INTO shard_reports (run_id, shard, report, reported_ms) VALUES (@run, @shard, @report, @at) ON CONFLICT (run_id, shard) DO NOTHING",
                ("@run", runId), ("@shard", shard), ("@report", report), ("@at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            return HistoryResult<bool>.Ok(await command.ExecuteNonQueryAsync(cancellationToken) == 1);
        });

    public Task<HistoryResult<IReadOnlyDictionary<int, string>>> ShardReportsAsync(string runId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null, "SELECT shard, report FROM shard_reports WHERE run_id = @run ORDER BY shard", ("@run", runId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var reports = new Dictionary<int, string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                reports[Int(reader.GetValue(0))] = reader.GetString(1);
            }

            return HistoryResult<IReadOnlyDictionary<int, string>>.Ok(reports);
        });

    private static string Name(ShardColumn column) => column switch
    {
        ShardColumn.Deployment => "deployment",
        ShardColumn.Plan => "plan",
        ShardColumn.StopReason => "stop_reason",
        ShardColumn.Finished => "finished_ms",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    public Task<HistoryResult<bool>> MarkShardRunFinishedAsync(string runId, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(connection, null, "UPDATE shard_runs SET finished_ms = @at WHERE run_id = @run AND finished_ms IS NULL", cancellationToken,
                ("@at", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("@run", runId));
            return HistoryResult<bool>.Ok(true);
        });
}

/// <summary>The columns of <c>shard_runs</c> a role reads or sets once.</summary>
public enum ShardColumn
{
    Deployment,
    Plan,
    StopReason,
    Finished,
}
