using System.Data.Common;
using Npgsql;

namespace AgentChat.Common.Storage;

/// <summary>A PostgreSQL database reached through one pooled Npgsql data source.</summary>
public sealed class PostgresConnector(string connectionString) : IDbConnector, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public string Provider => "postgres";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
