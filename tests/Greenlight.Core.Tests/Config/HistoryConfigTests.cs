using Greenlight.Config;

namespace Greenlight.Core.Tests.Config;

public sealed class HistoryConfigTests
{
    private const string Minimal = """
        project: demo
        suites:
          - id: smoke
            priority: P1
            runner: pytest
            path: tests

        """;

    [Fact]
    public void Parse_NoHistory_DefaultSqliteUnderConfigFolder()
    {
        using var fixture = new ConfigFixture();

        var config = fixture.Parse(Minimal).Config!;

        Assert.Equal(HistoryConfig.DefaultSqlitePath(fixture.Root), config.HistoryStore.SqlitePath);
        Assert.Null(config.HistoryStore.Postgres);
        Assert.Equal(0, config.Loop.RetryFailed);
    }

    [Fact]
    public void Parse_SqlitePath_ResolvedAgainstConfigFolder()
    {
        using var fixture = new ConfigFixture();

        var config = fixture.Parse(Minimal + "history: { sqlite: data/runs.db }\nloop: { retry_failed: 2 }\n").Config!;

        Assert.Equal(Path.Combine(fixture.Root, "data", "runs.db"), config.HistoryStore.SqlitePath);
        Assert.Equal(2, config.Loop.RetryFailed);
    }

    [Fact]
    public void Parse_PostgresFromEnvironment_KeptAsSecret()
    {
        using var fixture = new ConfigFixture();
        var env = new Dictionary<string, string> { ["HISTORY_DB"] = "Host=127.0.0.1;Username=gl;Password=hunter2-history;Database=gl" };

        var config = fixture.Parse(Minimal + "history: { postgres: \"${env:HISTORY_DB}\" }\n", env).Config!;

        Assert.Equal(env["HISTORY_DB"], config.HistoryStore.Postgres);
        Assert.Null(config.HistoryStore.SqlitePath);
        Assert.Contains(env["HISTORY_DB"], config.SecretValues);
    }

    [Theory]
    [InlineData("history: { sqlite: a.db, postgres: \"Host=x\" }\n", "7:10: history: set either sqlite or postgres, not both")]
    [InlineData("history: { mysql: x }\n", "history.mysql: unknown key 'mysql'")]
    [InlineData("history: { sqlite: \"\" }\n", "history.sqlite: must not be empty")]
    [InlineData("loop: { retry_failed: 11 }\n", "loop.retry_failed")]
    public void Parse_BadHistory_ErrorNamesLineAndField(string yaml, string expected)
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(Minimal + yaml);

        Assert.Null(result.Config);
        Assert.Contains(expected, ConfigFixture.Errors(result), StringComparison.Ordinal);
    }
}
