using System.Data.Common;
using Npgsql;

namespace Greenlight.History;

/// <summary>
/// History in a PostgreSQL database shared by every runner (<c>history: {postgres: CONNSTR}</c>).
/// Migrations take an advisory lock, so runners starting together migrate once.
/// </summary>
public sealed class PostgresHistoryStore : SqlHistoryStore
{
    // Any constant; it only has to be the same for every Greenlight.
    private const long MigrationLockKey = 0x47_72_65_65_6E_4C_69_74;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;

    private PostgresHistoryStore(NpgsqlDataSource dataSource, string where, TimeProvider time)
        : base(time)
    {
        _dataSource = dataSource;
        _where = where;
    }

    public override string Description => $"postgres {_where}";

    public static async Task<HistoryResult<IHistoryStore>> OpenAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var opened = await OpenAtVersionAsync(connectionString, null, time, cancellationToken);
        return opened.Succeeded ? HistoryResult<IHistoryStore>.Ok(opened.Value!) : HistoryResult<IHistoryStore>.Fail(opened.Error!);
    }

    internal static async Task<HistoryResult<PostgresHistoryStore>> OpenAtVersionAsync(string connectionString, int? version, TimeProvider? time, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return HistoryResult<PostgresHistoryStore>.Fail($"invalid PostgreSQL connection string: {e.Message}");
        }

        var store = new PostgresHistoryStore(NpgsqlDataSource.Create(builder), $"{builder.Host}:{builder.Port}/{builder.Database}", time ?? TimeProvider.System);
        var migrated = await store.MigrateAsync(version, cancellationToken);
        if (!migrated.Succeeded)
        {
            await store.DisposeAsync();
            return HistoryResult<PostgresHistoryStore>.Fail(migrated.Error!);
        }

        return HistoryResult<PostgresHistoryStore>.Ok(store);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", MigrationLockKey));

    // Npgsql messages never carry the password; the connection string is not repeated.
    protected override string Describe(Exception exception) => $"{Description}: {exception.Message}";

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
