namespace Greenlight.History.Tests;

/// <summary>The shard tables (schema v5) in a real PostgreSQL: first writer wins, a shard counts once.</summary>
public sealed class ShardTablesTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private async Task<RunShardStore> StoreAsync(CancellationToken ct)
    {
        var opened = await PostgresHistoryStore.OpenAsync(await server.NewDatabaseAsync(ct), cancellationToken: ct);
        Assert.True(opened.Succeeded, opened.Error);
        var store = new RunShardStore((SqlHistoryStore)opened.Value!);
        Assert.True((await store.SaveDeploymentAsync("run-1", "shop", "{\"ready\":true}", ct)).Succeeded);
        return store;
    }

    [Fact]
    public async Task Report_SameShardTwice_KeptOnceTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await StoreAsync(ct);

        var first = await store.ReportAsync("run-1", 2, "{\"first\":true}", ct);
        var second = await store.ReportAsync("run-1", 2, "{\"first\":false}", ct);
        var reports = await store.ReportsAsync("run-1", ct);

        Assert.True(first.Value);
        Assert.False(second.Value);
        Assert.Equal("{\"first\":true}", Assert.Single(reports.Value!).Value);
    }

    [Fact]
    public async Task Plan_TwoShardsProposeAtOnce_BothGetTheSameStoredPlan()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await StoreAsync(ct);

        var plans = await Task.WhenAll(store.PlanAsync("run-1", "{\"by\":1}", ct), store.PlanAsync("run-1", "{\"by\":2}", ct));

        Assert.All(plans, p => Assert.True(p.Succeeded, p.Error));
        Assert.Equal(plans[0].Value, plans[1].Value);
        Assert.Equal(plans[0].Value, (await store.ReadPlanAsync("run-1", ct)).Value);
    }

    [Fact]
    public async Task Stop_FirstReasonKept_FinishedOnlyWhenMarked()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = await StoreAsync(ct);

        Assert.Null((await store.StopReasonAsync("run-1", ct)).Value);
        await store.StopAsync("run-1", "phase P1 missed its criterion in shard 1/4", ct);
        await store.StopAsync("run-1", "phase P1 missed its criterion in shard 3/4", ct);
        Assert.False((await store.FinishedAsync("run-1", ct)).Value);
        await store.MarkFinishedAsync("run-1", ct);

        Assert.Equal("phase P1 missed its criterion in shard 1/4", (await store.StopReasonAsync("run-1", ct)).Value);
        Assert.True((await store.FinishedAsync("run-1", ct)).Value);
        Assert.Null((await store.DeploymentAsync("run-2", ct)).Value);
    }
}
