using Greenlight.Config;
using Microsoft.Data.Sqlite;

namespace Greenlight.History.Tests;

/// <summary>A real history file whose header is valid but whose data pages are garbage.</summary>
public sealed class SqliteIntegrityTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gl-history-damaged-");

    private string DbPath => Path.Combine(_root.FullName, ".greenlight", "history.db");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task OpenAsync_GarbagePagesBehindValidHeader_UnavailableWithQuickCheckProblems()
    {
        var ct = Timeout();
        await WriteDamagedStoreAsync(ct);

        var opened = await SqliteHistoryStore.OpenAsync(DbPath, cancellationToken: ct);

        Assert.False(opened.Succeeded);
        Assert.StartsWith($"{DbPath} is damaged (quick_check: ", opened.Error, StringComparison.Ordinal);
        Assert.EndsWith("; move it aside and Greenlight starts a new history", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteDamagedStore_SchemaVersionStillReadable_OnlyAFullPageCheckFindsTheDamage()
    {
        var ct = Timeout();
        await WriteDamagedStoreAsync(ct);

        // What migration reads is intact, so without quick_check the store would open and fail mid-run.
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";

        Assert.Equal((long)HistorySchema.Latest, await command.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task EveryOpeningPath_DamagedStore_SameErrorValue()
    {
        var ct = Timeout();
        await WriteDamagedStoreAsync(ct);

        var direct = await SqliteHistoryStore.OpenAsync(DbPath, cancellationToken: ct);
        var byConfig = await HistoryStores.OpenAsync(null, null, _root.FullName, cancellationToken: ct);
        var forRuns = await new RunHistoryFactory(TimeProvider.System).OpenAsync(new HistoryConfig(), _root.FullName, ct);

        Assert.False(byConfig.Succeeded);
        Assert.False(forRuns.Succeeded);
        Assert.Contains(" is damaged (quick_check: ", direct.Error, StringComparison.Ordinal);
        Assert.Equal(direct.Error, byConfig.Error);
        Assert.Equal(direct.Error, forRuns.Error);
    }

    [Fact]
    public async Task OpenAsync_IntactStoreWithRuns_Opens()
    {
        var ct = Timeout();
        await SaveRunsAsync(ct);

        var opened = await SqliteHistoryStore.OpenAsync(DbPath, cancellationToken: ct);

        Assert.True(opened.Succeeded, opened.Error);
        await opened.Value!.DisposeAsync();
    }

    /// <summary>Saves runs through the store, then overwrites every page but the header page and schema_version's.</summary>
    private async Task WriteDamagedStoreAsync(CancellationToken ct)
    {
        await SaveRunsAsync(ct);
        long pageSize, pageCount, keep;
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            pageSize = await ScalarAsync(connection, "PRAGMA page_size", ct);
            await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
            pageCount = await ScalarAsync(connection, "PRAGMA page_count", ct);
            keep = await ScalarAsync(connection, "SELECT rootpage FROM sqlite_schema WHERE name = 'schema_version'", ct);
        }

        Assert.True(pageCount > 10, $"only {pageCount} pages written");
        var garbage = new byte[pageSize];
        new Random(15).NextBytes(garbage);
        await using var file = new FileStream(DbPath, FileMode.Open, FileAccess.Write);
        for (var page = 2; page <= pageCount; page++)
        {
            if (page != keep)
            {
                file.Position = (page - 1) * pageSize;
                await file.WriteAsync(garbage, ct);
            }
        }
    }

    private async Task SaveRunsAsync(CancellationToken ct)
    {
        var opened = await SqliteHistoryStore.OpenAsync(DbPath, cancellationToken: ct);
        await using var store = opened.Value!;
        for (var i = 1; i <= 20; i++)
        {
            var tests = Enumerable.Range(1, 40).Select(t => t % 7 == 0 ? Runs.Failed($"test_{t:D3}_websocket_reconnect") : Runs.Passed($"test_{t:D3}_websocket_reconnect")).ToList();
            Assert.True((await store.SaveRunAsync(Runs.Run("agentchat", i, "RED", tests, [Runs.Cluster("ws-1011", 3)]), ct)).Succeeded);
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
