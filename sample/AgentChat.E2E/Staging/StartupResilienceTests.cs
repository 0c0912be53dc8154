using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "startup resilience" (5): a started deployment is fully usable, not half up.</summary>
[Trait("Priority", "P3")]
[Trait("Category", "startup-resilience")]
public sealed class StartupResilienceTests : E2ETest
{
    [Fact]
    public async Task AuthHealth_Started_HealthyWithDatabase()
    {
        var health = (await Api.GetAsync(Service.Auth, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("connected", health.GetProperty("database_status").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task BackendHealth_Started_HealthyWithDatabaseAndAuth()
    {
        var health = await BackendHealth.WithAuthReachableAsync(Api, Ct);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("connected", health.GetProperty("database_status").GetString());
    }

    [Fact]
    public async Task Uptime_TwoReadings_DoesNotGoBackwards()
    {
        var first = (await Api.GetAsync(Service.Auth, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;
        var backendFirst = (await Api.GetAsync(Service.Backend, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;
        var second = (await Api.GetAsync(Service.Auth, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;
        var backendSecond = (await Api.GetAsync(Service.Backend, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;

        Assert.True(RunAssert.Number(second, "uptime_seconds") >= RunAssert.Number(first, "uptime_seconds"), "auth restarted between two readings");
        Assert.True(RunAssert.Number(backendSecond, "uptime_seconds") >= RunAssert.Number(backendFirst, "uptime_seconds"), "backend restarted between two readings");
    }

    [Fact]
    public async Task FreshToken_UsedAtOnce_AcceptedOverRestAndSocket()
    {
        var user = await NewUserAsync();

        var rest = await Api.GetAsync(Service.Backend, "api/agents", user.AccessToken, Ct);
        var socket = await ConnectAsync(user);

        rest.Expect(HttpStatusCode.OK);
        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
    }

    [Fact]
    public async Task FirstRunOfNewUser_NoWarmUpNeeded_Succeeds()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
    }
}
