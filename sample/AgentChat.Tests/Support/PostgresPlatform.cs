namespace AgentChat.Tests.Support;

/// <summary>Auth and backend on a real PostgreSQL instead of SQLite files.</summary>
public sealed class PostgresPlatform : PlatformFixture
{
    public PostgresServer Postgres { get; private set; } = null!;

    protected override string DatabaseFor(string service) => Postgres.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Postgres = await PostgresServer.StartAsync(limit.Token);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

/// <summary>A second, separate cluster for the test that stops its database.</summary>
public sealed class PostgresOutagePlatform : PlatformFixture
{
    public PostgresServer Postgres { get; private set; } = null!;

    protected override string DatabaseFor(string service) => Postgres.ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Postgres = await PostgresServer.StartAsync(limit.Token);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}
