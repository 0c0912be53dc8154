using System.Data.Common;
using System.Globalization;

namespace Greenlight.History;

/// <summary>
/// The SQL both stores share. Each call opens its own pooled connection, so one store may be
/// used from several tasks, and several stores (processes) may share one database.
/// </summary>
public abstract partial class SqlHistoryStore : IHistoryStore
{
    private readonly TimeProvider _time;

    protected SqlHistoryStore(TimeProvider time) => _time = time;

    public abstract string Description { get; }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Serialises migrations between processes; runs inside the migration transaction.</summary>
    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A short, password-free reason for a database failure.</summary>
    protected abstract string Describe(Exception exception);

    /// <summary>Brings the schema to <paramref name="targetVersion"/> (the latest by default).</summary>
    internal async Task<HistoryResult<int>> MigrateAsync(int? targetVersion, CancellationToken cancellationToken) =>
        await GuardAsync(async () =>
        {
            var target = targetVersion ?? HistorySchema.Latest;
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockForMigrationAsync(connection, transaction, cancellationToken);
            await ExecuteAsync(connection, transaction, HistorySchema.CreateVersionTable, cancellationToken);
            var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken), CultureInfo.InvariantCulture);
            if (current > HistorySchema.Latest)
            {
                return HistoryResult<int>.Fail($"{Description} has schema version {current}, newer than this Greenlight knows ({HistorySchema.Latest}); upgrade Greenlight");
            }

            for (var version = current + 1; version <= target; version++)
            {
                foreach (var statement in HistorySchema.Steps[version - 1])
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken);
                }

                await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version, applied_ms) VALUES (@v, @at)", cancellationToken,
                    ("@v", version), ("@at", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            }

            await transaction.CommitAsync(cancellationToken);
            return HistoryResult<int>.Ok(Math.Max(current, target));
        });

    protected async Task<HistoryResult<T>> GuardAsync<T>(Func<Task<HistoryResult<T>>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HistoryResult<T>.Fail(Describe(e));
        }
    }

    private protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private protected static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();

    private protected static DateTimeOffset? FromMs(object value) =>
        value is DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    private protected static int Int(object value) => value is DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
