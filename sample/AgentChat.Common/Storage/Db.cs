using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace AgentChat.Common.Storage;

/// <summary>Chooses the connector from <c>AGENTCHAT_DB</c> and runs small portable commands.</summary>
public static class Db
{
    /// <summary>A PostgreSQL connection string when the value starts with <c>Host=</c>, else a SQLite path.</summary>
    public static IDbConnector FromConfiguration(IConfiguration configuration, string serviceName)
    {
        var value = configuration["AGENTCHAT_DB"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new SqliteConnector(System.IO.Path.GetFullPath($"agentchat-{serviceName}.db"));
        }

        return value.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            ? new PostgresConnector(value)
            : new SqliteConnector(System.IO.Path.GetFullPath(value));
    }

    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task ExecuteAsync(this IDbConnector db, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates tables on start; each statement must be idempotent (IF NOT EXISTS).</summary>
    public static async Task EnsureSchemaAsync(this IDbConnector db, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (db.Provider == "sqlite")
        {
            await using var wal = connection.Command("PRAGMA journal_mode=WAL");
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var statement in statements)
        {
            await using var command = connection.Command(statement);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
