using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Greenlight.History;

/// <summary>
/// History in one SQLite file (default <c>.greenlight/history.db</c>). WAL lets readers run
/// beside a writer; every save is one <c>BEGIN IMMEDIATE</c> transaction, and a writer that
/// finds the file busy waits up to <see cref="BusyTimeout"/> before giving up with a reason.
/// </summary>
public sealed partial class SqliteHistoryStore : SqlHistoryStore
{
    public const string DefaultPath = ".greenlight/history.db";

    private readonly string _connectionString;
    private readonly string _path;

    private SqliteHistoryStore(string path, TimeSpan busyTimeout, TimeProvider time)
        : base(time)
    {
        _path = path;
        BusyTimeout = busyTimeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    public TimeSpan BusyTimeout { get; }

    public override string Description => $"sqlite {_path}";

    /// <summary>Opens (creating the folder and file when missing) and migrates to the latest schema.</summary>
    public static async Task<HistoryResult<IHistoryStore>> OpenAsync(string path, TimeProvider? time = null, TimeSpan? busyTimeout = null, CancellationToken cancellationToken = default)
    {
        var opened = await OpenAtVersionAsync(path, null, time, busyTimeout, cancellationToken);
        return opened.Succeeded ? HistoryResult<IHistoryStore>.Ok(opened.Value!) : HistoryResult<IHistoryStore>.Fail(opened.Error!);
    }

    internal static async Task<HistoryResult<SqliteHistoryStore>> OpenAtVersionAsync(string path, int? version, TimeProvider? time, TimeSpan? busyTimeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var store = new SqliteHistoryStore(path, busyTimeout ?? TimeSpan.FromSeconds(15), time ?? TimeProvider.System);
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HistoryResult<SqliteHistoryStore>.Fail($"cannot create the folder of {path}: {e.Message}");
        }

        // Before migrating: a file with a valid header and damaged pages migrates fine and fails later, mid-run.
        var intact = await store.CheckIntegrityAsync(cancellationToken);
        if (!intact.Succeeded)
        {
            return HistoryResult<SqliteHistoryStore>.Fail(intact.Error!);
        }

        var migrated = await store.MigrateAsync(version, cancellationToken);
        return migrated.Succeeded ? HistoryResult<SqliteHistoryStore>.Ok(store) : HistoryResult<SqliteHistoryStore>.Fail(migrated.Error!);
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // WAL is a property of the file and sticks; busy_timeout is per connection.
            pragma.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes pooled connections so the file is released.</summary>
    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask; // BeginTransaction is BEGIN IMMEDIATE: already the only writer.

    protected override string Describe(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 26 } => $"{_path} is not a SQLite database (corrupt or another kind of file)",
        SqliteException { SqliteErrorCode: 11 } => $"{_path} is corrupt: {exception.Message}",
        SqliteException { SqliteErrorCode: 5 or 6 } => $"{_path} is locked by another process (waited {BusyTimeout.TotalSeconds:0} s)",
        SqliteException e => $"{_path}: {e.Message}",
        _ => $"{_path}: {exception.Message}",
    };
}
