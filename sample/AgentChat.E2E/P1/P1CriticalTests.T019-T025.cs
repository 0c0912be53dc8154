using System.Net;
using System.Text.Json;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.P1;

public sealed partial class P1CriticalTests
{
    [Fact]
    [Trait("Category", "health")]
    public async Task T019_ServiceHealthMonitoring()
    {
        var auth = (await Api.GetAsync(Service.Auth, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;
        var backend = await BackendHealth.WithAuthReachableAsync(Api, Ct);

        Assert.Equal("healthy", auth.GetProperty("status").GetString());
        Assert.Equal("agentchat-auth", auth.GetProperty("service").GetString());
        Assert.Equal("connected", auth.GetProperty("database_status").GetString());
        Assert.False(string.IsNullOrEmpty(auth.GetProperty("environment").GetString()));
        Assert.True(RunAssert.Number(auth, "uptime_seconds") >= 0);
        Assert.Equal("healthy", backend.GetProperty("status").GetString());
        Assert.Equal("agentchat-backend", backend.GetProperty("service").GetString());
        Assert.Equal("connected", backend.GetProperty("database_status").GetString());
    }

    [Fact]
    [Trait("Category", "config")]
    public async Task T020_ConfigurationConsistency()
    {
        var user = await NewUserAsync();
        var listed = (await Api.GetAsync(Service.Backend, "api/agents", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json
            .EnumerateArray().ToList();

        var configs = await Task.WhenAll(listed.Select(async a =>
            (await Api.GetAsync(Service.Backend, $"api/agents/{a.GetProperty("id").GetString()}", user.AccessToken, Ct))
                .Expect(HttpStatusCode.OK).Json));

        var ids = listed.Select(a => a.GetProperty("id").GetString()).ToHashSet();
        foreach (var (summary, config) in listed.Zip(configs))
        {
            Assert.Equal(summary.GetProperty("id").GetString(), config.GetProperty("id").GetString());
            Assert.Equal(summary.GetProperty("name").GetString(), config.GetProperty("name").GetString());
            Assert.Equal(ToolNames(summary), ToolNames(config));
            Assert.All(config.GetProperty("handoffTargets").EnumerateArray(), t => Assert.Contains(t.GetString(), ids));
        }
    }

    [Fact]
    [Trait("Category", "api")]
    public async Task T021_ApiEndpointCoverage()
    {
        var user = await NewUserAsync();
        var token = user.AccessToken;
        var thread = await NewThreadAsync(user);

        (await Api.GetAsync(Service.Auth, "health", null, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, "health", null, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, "api/agents", token, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, "api/agents/researcher", token, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, "api/threads", token, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, $"api/threads/{thread}", token, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, $"api/threads/{thread}/messages", token, Ct)).Expect(HttpStatusCode.OK);
        (await Api.SendAsync(Service.Backend, HttpMethod.Delete, $"api/threads/{thread}", null, token, null, Ct)).Expect(HttpStatusCode.NoContent);
        (await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/validate", new { token }, null, null, Ct)).Expect(HttpStatusCode.Unauthorized);
        (await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/login", new { email = "nobody@example.test", password = "wrong-password-1" }, null, null, Ct))
            .Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    [Trait("Category", "business")]
    public async Task T022_BusinessLogicValidation()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
        var stats = Assert.Single(run.OfType("tool_completed")).Raw.GetProperty("result");
        Assert.Equal(4, RunAssert.Number(stats, "count"));
        Assert.Equal(24, RunAssert.Number(stats, "sum"), 6);
        Assert.Equal(6, RunAssert.Number(stats, "mean"), 6);
        Assert.Equal(3, RunAssert.Number(stats, "min"), 6);
        Assert.Equal(9, RunAssert.Number(stats, "max"), 6);
        Assert.Contains("mean 6", run.Deltas, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "streaming")]
    public async Task T023_StreamingPartialResults()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        var types = run.Types.ToList();
        var partials = run.OfType("agent_partial").ToList();
        Assert.True(partials.Count >= 2, $"expected several agent_partial events, got {partials.Count}: {string.Join(", ", types)}");
        Assert.True(types.LastIndexOf("agent_partial") < types.IndexOf("agent_completed"), "a partial arrived after completion");
        Assert.All(partials, p => Assert.False(string.IsNullOrEmpty(p.Str("delta"))));
    }

    [Fact]
    [Trait("Category", "ordering")]
    public async Task T024_MessageOrdering()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var first = await socket.RunAsync(thread, Agents.DataHelper, "compute stats for 1 2 3", Ct);
        var second = await socket.RunAsync(thread, Agents.DataHelper, "compute stats for 10 20", Ct);
        var messages = await Api.ListMessagesAsync(user, thread, Ct);

        foreach (var run in new[] { first, second })
        {
            RunAssert.Succeeded(run);
            Assert.Equal(Enumerable.Range(0, run.Events.Count).Select(i => (long?)i), run.Events.Select(e => e.Seq));
            Assert.True(run.Events.Zip(run.Events.Skip(1)).All(p => p.First.Ts <= p.Second.Ts), "ts went backwards within a run");
        }
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("compute stats for 1 2 3", messages[0].GetProperty("content").GetString());
        Assert.Equal(first.RunId, messages[1].GetProperty("runId").GetString());
        Assert.Equal(second.RunId, messages[3].GetProperty("runId").GetString());
    }

    [Fact]
    [Trait("Category", "events")]
    public async Task T025_CriticalEventDelivery()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        var secondTab = await ConnectAsync(user, SocketAuth.Subprotocol);

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);
        var (_, end) = await secondTab.Log.WaitForAsync(0, e => e.RunId == run.RunId && e.IsTerminal, E2ETimeouts.Reply,
            $"terminal event of run {run.RunId} on the user's second socket", Ct);

        RunAssert.Succeeded(run);
        RunAssert.InOrder(run, "agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed");
        var mirrored = secondTab.Log.Snapshot().Take(end + 1).Where(e => e.RunId == run.RunId).Select(e => e.Text);
        Assert.Equal(run.Events.Select(e => e.Text), mirrored);
    }

    private static List<string?> ToolNames(JsonElement agent) =>
        [.. agent.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()).Order()];
}
