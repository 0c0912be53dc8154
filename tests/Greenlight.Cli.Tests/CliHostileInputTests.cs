using Microsoft.Data.Sqlite;

namespace Greenlight.Cli.Tests;

/// <summary>The real CLI on a hostile config and a page-damaged history file.</summary>
public sealed class CliHostileInputTests : IDisposable
{
    private const string MinimalConfig = """
        project: demo
        suites:
          - id: smoke
            priority: P1
            runner: command
            args: [sh, -c, "true"]
            results: out/junit.xml
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _root = Directory.CreateTempSubdirectory("greenlight-cli-hostile-").FullName;

    [Fact]
    public async Task Plan_FortyThousandNestedBrackets_Exit2WithTheLineNotAStackOverflow()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "greenlight.yaml"), "project: demo\nsuites: " + new string('[', 40_000) + "\n", TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(_root, Timeout, "plan");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("greenlight.yaml:2:72: suites[0][0]", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nested more than 64 levels deep", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Stack overflow", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_PageDamagedStore_HistoryUnavailableExit2()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(_root, "greenlight.yaml"), MinimalConfig, ct);
        var first = await CliProcess.RunAsync(_root, Timeout, "history");
        Assert.True(first.ExitCode == 0, first.All);
        var db = Path.Combine(_root, ".greenlight", "history.db");
        await DamagePagesAsync(db, ct);

        var result = await CliProcess.RunAsync(_root, Timeout, "history");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"history unavailable: {db} is damaged (quick_check: ", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Overwrites every page but the header page and schema_version's with garbage bytes.</summary>
    private static async Task DamagePagesAsync(string db, CancellationToken ct)
    {
        long pageSize, pageCount, keep;
        await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            pageSize = await ScalarAsync(connection, "PRAGMA page_size", ct);
            await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
            pageCount = await ScalarAsync(connection, "PRAGMA page_count", ct);
            keep = await ScalarAsync(connection, "SELECT rootpage FROM sqlite_schema WHERE name = 'schema_version'", ct);
        }

        Assert.True(pageCount > 5, $"only {pageCount} pages");
        var garbage = new byte[pageSize];
        new Random(15).NextBytes(garbage);
        await using var file = new FileStream(db, FileMode.Open, FileAccess.Write);
        for (var page = 2; page <= pageCount; page++)
        {
            if (page != keep)
            {
                file.Position = (page - 1) * pageSize;
                await file.WriteAsync(garbage, ct);
            }
        }
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
