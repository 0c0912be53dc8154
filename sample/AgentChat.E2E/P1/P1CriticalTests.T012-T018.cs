using System.Diagnostics;
using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.P1;

public sealed partial class P1CriticalTests
{
    [Fact]
    [Trait("Category", "agents")]
    public async Task T012_AgentLifecycleCoordination()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToStats, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(Agents.Triage, run.Events[0].AgentId);
        var handoff = Assert.Single(run.OfType("agent_handoff"));
        Assert.Equal(Agents.Triage, handoff.Str("fromAgentId"));
        Assert.Equal(Agents.DataHelper, handoff.Str("toAgentId"));
        Assert.Contains(run.OfType("tool_executing"), e => e.Str("toolName") == "compute_stats");
        RunAssert.InOrder(run, "agent_started", "agent_handoff", "tool_executing", "tool_completed", "agent_completed");
    }

    [Fact]
    [Trait("Category", "tools")]
    public async Task T013_ToolExecutionWorkflow()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
        var call = Assert.Single(run.OfType("tool_executing"));
        var done = Assert.Single(run.OfType("tool_completed"));
        Assert.Equal("compute_stats", call.Str("toolName"));
        Assert.Equal(call.Str("toolCallId"), done.Str("toolCallId"));
        Assert.True(call.Raw.TryGetProperty("args", out _), $"tool_executing without args: {call}");
        Assert.Equal(4, RunAssert.Number(done.Raw.GetProperty("result"), "count"));
    }

    [Fact]
    [Trait("Category", "errors")]
    public async Task T014_ErrorHandlingRecovery()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var badJson = await socket.ExpectErrorAsync("{not json", Ct);
        var unknownType = await socket.ExpectErrorAsync("""{"type":"teleport"}""", Ct);
        var unknownAgent = await socket.ExpectErrorAsync(
            $$"""{"type":"execute_agent","threadId":"{{thread}}","agentId":"no-such-agent","input":"hi"}""", Ct);
        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        Assert.Equal("bad_json", badJson.Str("code"));
        Assert.Equal("unknown_type", unknownType.Str("code"));
        Assert.Equal("unknown_agent", unknownAgent.Str("code"));
        RunAssert.Succeeded(run);
        Assert.Equal(2, (await Api.ListMessagesAsync(user, thread, Ct)).Length);
    }

    [Fact]
    [Trait("Category", "performance")]
    public async Task T015_PerformanceResponseTimes()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var calls = new[]
        {
            await Api.GetAsync(Service.Auth, "health", null, Ct),
            await Api.GetAsync(Service.Backend, "health", null, Ct),
            await Api.GetAsync(Service.Backend, "api/agents", user.AccessToken, Ct),
            await Api.GetAsync(Service.Backend, "api/threads", user.AccessToken, Ct),
        };
        var sent = Stopwatch.GetTimestamp();
        var started = await socket.StartRunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);
        var firstEvent = Stopwatch.GetElapsedTime(sent);
        var run = await socket.WaitForRunAsync(started, Ct);

        Assert.All(calls, c => c.Expect(HttpStatusCode.OK));
        RunAssert.Succeeded(run);
        Assert.All(calls, c => Assert.True(c.Elapsed < ResponseTimeBounds.HttpCall,
            $"{c.Request} took {c.Elapsed.TotalMilliseconds:0} ms (bound {ResponseTimeBounds.HttpCall.TotalMilliseconds:0} ms)"));
        Assert.True(firstEvent < ResponseTimeBounds.FirstEvent,
            $"agent_started came {firstEvent.TotalMilliseconds:0} ms after execute_agent (bound {ResponseTimeBounds.FirstEvent.TotalMilliseconds:0} ms)");
    }

    [Fact]
    [Trait("Category", "data")]
    public async Task T016_DataIntegrityValidation()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        const string Input = "stats please: 1.5 2.5 \"quoted\" <tag> ünïcödé ✓ 4";

        var run = await socket.RunAsync(thread, Agents.DataHelper, Input, Ct);
        var messages = await Api.ListMessagesAsync(user, thread, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(Input, run.Events[0].Str("input"));
        Assert.Equal(Input, messages[0].GetProperty("content").GetString());
        RunAssert.StoredAnswerMatches(run, messages);
        var stats = Assert.Single(run.OfType("tool_completed")).Raw.GetProperty("result");
        Assert.Equal(3, RunAssert.Number(stats, "count"));
        Assert.Equal(8, RunAssert.Number(stats, "sum"), 6);
    }

    [Fact]
    [Trait("Category", "security")]
    public async Task T017_SecurityAccessControl()
    {
        var user = await NewUserAsync();

        var anonymous = await Api.GetAsync(Service.Backend, "api/agents", null, Ct);
        var unsigned = await Api.GetAsync(Service.Backend, "api/threads", Tokens.AlgNone(user.AccessToken), Ct);
        var forged = await Api.GetAsync(Service.Backend, "api/threads", Tokens.WrongSignature(user.AccessToken), Ct);
        var socket = await OpenAsync(Tokens.AlgNone(user.AccessToken), SocketAuth.Subprotocol);
        var close = await socket.Log.WaitForCloseAsync(E2ETimeouts.Reply, Ct);

        foreach (var response in new[] { anonymous, unsigned, forged })
        {
            response.Expect(HttpStatusCode.Unauthorized);
            Assert.Equal("application/problem+json", response.ContentType);
            Assert.DoesNotContain(user.AccessToken, response.Body, StringComparison.Ordinal);
        }
        Assert.Equal(1008, close.Code);
        Assert.DoesNotContain(socket.Log.Snapshot(), e => e.Type == "connection_ready");
    }

    [Fact]
    [Trait("Category", "scaling")]
    public async Task T018_ScalingLoadHandling()
    {
        const int Burst = 12;
        var users = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => ReadyUserAsync()));

        var runs = await Task.WhenAll(users.Select(u => u.Socket.RunAsync(u.ThreadId, Agents.DataHelper, Agents.StatsInput, Ct)));

        Assert.All(runs, RunAssert.Succeeded);
        Assert.Equal(Burst, runs.Select(r => r.RunId).Distinct().Count());
        Assert.All(users.Zip(runs), pair => Assert.DoesNotContain(pair.First.Socket.Log.Snapshot(),
            e => e.RunId is not null && e.RunId != pair.Second.RunId));
    }
}
