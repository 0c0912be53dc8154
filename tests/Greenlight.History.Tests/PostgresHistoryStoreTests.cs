using Npgsql;

namespace Greenlight.History.Tests;

public sealed class PostgresHistoryStoreTests(PostgresServer server) : HistoryStoreContract, IClassFixture<PostgresServer>
{
    private readonly Dictionary<IHistoryStore, string> _connectionStrings = [];

    protected override async Task<IHistoryStore> NewStoreAsync(CancellationToken cancellationToken)
    {
        var connectionString = await server.NewDatabaseAsync(cancellationToken);
        var store = Value(await PostgresHistoryStore.OpenAsync(connectionString, cancellationToken: cancellationToken));
        _connectionStrings[store] = connectionString;
        return store;
    }

    protected override async Task<IHistoryStore> SecondStoreAsync(IHistoryStore first, CancellationToken cancellationToken) =>
        Value(await PostgresHistoryStore.OpenAsync(_connectionStrings[first], cancellationToken: cancellationToken));

    protected override async Task<IHistoryStore> StoreMigratedFromV1Async(string project, CancellationToken cancellationToken)
    {
        var connectionString = await server.NewDatabaseAsync(cancellationToken);
        await using (var v1 = Value(await PostgresHistoryStore.OpenAtVersionAsync(connectionString, 1, null, cancellationToken)))
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            foreach (var sql in V1Rows)
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return Value(await PostgresHistoryStore.OpenAsync(connectionString, cancellationToken: cancellationToken));
    }

    [Fact]
    public async Task OpenAsync_TwoStoresMigratingOneNewDatabaseAtOnce_BothSucceedOneSchema()
    {
        var ct = Timeout();
        var connectionString = await server.NewDatabaseAsync(ct);

        var opened = await Task.WhenAll(
            Task.Run(() => PostgresHistoryStore.OpenAsync(connectionString, cancellationToken: ct), ct),
            Task.Run(() => PostgresHistoryStore.OpenAsync(connectionString, cancellationToken: ct), ct));

        Assert.All(opened, o => Assert.True(o.Succeeded, o.Error));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", connection);
        Assert.Equal((long)HistorySchema.Latest, await command.ExecuteScalarAsync(ct));
        foreach (var o in opened)
        {
            await o.Value!.DisposeAsync();
        }
    }

    [Fact]
    public async Task OpenAsync_NobodyListening_ErrorValueWithoutPassword()
    {
        var ct = Timeout();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var opened = await PostgresHistoryStore.OpenAsync($"Host=127.0.0.1;Port={port};Username=u;Password=hunter2-secret;Database=d;Timeout=5", cancellationToken: ct);

        Assert.False(opened.Succeeded);
        Assert.StartsWith($"postgres 127.0.0.1:{port}/d: ", opened.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", opened.Error, StringComparison.Ordinal);
    }
}
