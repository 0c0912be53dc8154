using Microsoft.Data.Sqlite;

namespace Greenlight.History.Tests;

public sealed class SqliteHistoryStoreTests : HistoryStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-history-");

    private string NewPath() => Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}", "history.db");

    protected override async Task<IHistoryStore> NewStoreAsync(CancellationToken cancellationToken) =>
        Value(await SqliteHistoryStore.OpenAsync(NewPath(), cancellationToken: cancellationToken));

    protected override async Task<IHistoryStore> SecondStoreAsync(IHistoryStore first, CancellationToken cancellationToken) =>
        Value(await SqliteHistoryStore.OpenAsync(first.Description["sqlite ".Length..], cancellationToken: cancellationToken));

    protected override async Task<IHistoryStore> StoreMigratedFromV1Async(string project, CancellationToken cancellationToken)
    {
        var path = NewPath();
        await using (var v1 = Value(await SqliteHistoryStore.OpenAtVersionAsync(path, 1, null, null, cancellationToken)))
        {
            await using var connection = new SqliteConnection($"Data Source={path}");
            await connection.OpenAsync(cancellationToken);
            foreach (var sql in V1Rows)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return Value(await SqliteHistoryStore.OpenAsync(path, cancellationToken: cancellationToken));
    }

    [Fact]
    public async Task OpenAsync_CorruptFile_ErrorValueNamingTheFile()
    {
        var ct = Timeout();
        var path = NewPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("this is a worklog, not a database\n", 200)), ct);

        var opened = await SqliteHistoryStore.OpenAsync(path, cancellationToken: ct);

        Assert.False(opened.Succeeded);
        Assert.Equal($"{path} is not a SQLite database (corrupt or another kind of file)", opened.Error);
    }

    [Fact]
    public async Task SaveRunAsync_DatabaseLockedByAnotherWriter_ErrorValueNotException()
    {
        var ct = Timeout();
        var path = NewPath();
        await using var store = Value(await SqliteHistoryStore.OpenAsync(path, busyTimeout: TimeSpan.FromSeconds(1), cancellationToken: ct));
        await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync(ct);
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync(ct);
        }

        var saved = await store.SaveRunAsync(Runs.Run("p", 1, "GREEN", [Runs.Passed("t")]), ct);

        Assert.False(saved.Succeeded);
        Assert.Contains("is locked by another process", saved.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewerSchemaThanKnown_ErrorValue()
    {
        var ct = Timeout();
        var path = NewPath();
        await using (var store = Value(await SqliteHistoryStore.OpenAsync(path, cancellationToken: ct)))
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, applied_ms) VALUES (99, 0)";
            await command.ExecuteNonQueryAsync(ct);
        }

        var reopened = await SqliteHistoryStore.OpenAsync(path, cancellationToken: ct);

        Assert.False(reopened.Succeeded);
        Assert.Contains("schema version 99", reopened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_NewFile_WalJournal()
    {
        var ct = Timeout();
        var path = NewPath();
        await using var store = Value(await SqliteHistoryStore.OpenAsync(path, cancellationToken: ct));
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}

public sealed class HistoryStoresTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("gl-hstores-");

    [Fact]
    public async Task OpenAsync_NothingConfigured_DefaultSqliteUnderRoot()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var opened = await HistoryStores.OpenAsync(null, null, _root.FullName, cancellationToken: cts.Token);

        Assert.True(opened.Succeeded, opened.Error);
        await using var store = opened.Value!;
        Assert.Equal($"sqlite {Path.Combine(_root.FullName, ".greenlight", "history.db")}", store.Description);
        Assert.True(File.Exists(Path.Combine(_root.FullName, ".greenlight", "history.db")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
