using Greenlight.History.Tests;
using Npgsql;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The canary run of <see cref="CliCanaryTests"/> with its history in a real PostgreSQL: every row of
/// every table, read raw, holds the mask and never the secret.
/// </summary>
public sealed class CliCanaryPostgresTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Canary = "cnry-5e8d2a71b9c4";

    [Fact]
    public async Task Run_CanaryWithPostgresHistory_NoRowOfAnyTableHoldsIt()
    {
        var token = TestContext.Current.CancellationToken;
        var project = CliProcess.CopyProject("canary-project");
        try
        {
            var database = await postgres.NewDatabaseAsync(token);
            await File.AppendAllTextAsync(Path.Combine(project, "greenlight.yaml"), "history:\n  postgres: \"${env:GL_HISTORY_PG}\"\n", token);

            var result = await CliProcess.RunAsync(project, TimeSpan.FromMinutes(3),
                new Dictionary<string, string> { ["GL_CANARY_TOKEN"] = Canary, ["GL_HISTORY_PG"] = database }, "run");

            Assert.True(result.ExitCode == 1, result.All);
            Assert.DoesNotContain(Canary, result.All, StringComparison.Ordinal);
            var rows = await AllRowsAsync(database, token);
            Assert.Contains(rows, r => r.Table == "runs");
            Assert.DoesNotContain(rows, r => r.Text.Contains(Canary, StringComparison.Ordinal));
            // The canary reached the store through a test's name and its failure: masked there.
            Assert.Contains(rows, r => r.Table == "tests" && r.Text.Contains("token-***", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Table == "probes" && r.Text.Contains("/health?key=***", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    /// <summary>Every row of every table of the database's public schema, as PostgreSQL prints the row.</summary>
    private static async Task<List<(string Table, string Text)>> AllRowsAsync(string database, CancellationToken token)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(token);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync(token))
        {
            while (await reader.ReadAsync(token))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<(string, string)>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT CAST(t AS text) FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                rows.Add((table, reader.GetString(0)));
            }
        }

        return rows;
    }
}
