using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AgentChat.Common.Storage;

/// <summary>A SQLite file, created on first start.</summary>
public sealed class SqliteConnector(string path) : IDbConnector
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Provider => "sqlite";

    public string Path => path;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL with synchronous=NORMAL cannot corrupt the file; it only skips an fsync per commit.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        // A pooled connection keeps a deleted file alive; a missing file is an unreachable database.
        if (!File.Exists(path))
        {
            return false;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
