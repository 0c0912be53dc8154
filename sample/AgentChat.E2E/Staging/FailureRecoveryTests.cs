using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "failure recovery" (6): failures end cleanly and the client carries on.</summary>
[Trait("Priority", "P3")]
[Trait("Category", "failure-recovery")]
public sealed class FailureRecoveryTests : E2ETest
{
    [Fact]
    public async Task FailingTool_Run_AgentErrorAndSocketOpen()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.FailingTool, "anything", Ct);
        await socket.PingAsync(Ct);

        RunAssert.Invariants(run);
        Assert.Equal("agent_error", run.Terminal.Type);
        Assert.Equal("tool_failed", run.Terminal.Str("code"));
        Assert.False(string.IsNullOrEmpty(run.Terminal.Str("message")));
        Assert.Null(socket.Log.Close);
    }

    [Fact]
    public async Task FailingTool_NextRunSameThread_Succeeds()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var failed = await socket.RunAsync(thread, Agents.FailingTool, "anything", Ct);
        var next = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        Assert.Equal("agent_error", failed.Terminal.Type);
        RunAssert.Succeeded(next);
        RunAssert.StoredAnswerMatches(next, await Api.ListMessagesAsync(user, thread, Ct));
    }

    [Fact]
    public async Task CancelUnknownRun_ErrorEvent_SocketOpen()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);

        var error = await socket.ExpectErrorAsync("""{"type":"cancel_run","runId":"no-such-run"}""", Ct);
        await socket.PingAsync(Ct);

        Assert.Equal("run_not_found", error.Str("code"));
    }

    [Fact]
    public async Task ForeignThread_ExecuteAgent_Closed1008()
    {
        var owner = await NewUserAsync();
        var thread = await NewThreadAsync(owner);
        var intruder = await ConnectAsync(await NewUserAsync());

        await intruder.SendAsync(new { type = "execute_agent", threadId = thread, agentId = Agents.Researcher, input = "peek" }, Ct);
        var close = await intruder.Log.WaitForCloseAsync(E2ETimeouts.Reply, Ct);

        Assert.Equal(1008, close.Code);
        Assert.Contains("thread", close.Reason ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AfterPolicyClose_Reconnect_RunsNormally()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        await socket.SendAsync(new { type = "execute_agent", threadId = "no-such-thread", agentId = Agents.DataHelper, input = "1" }, Ct);
        Assert.Equal(1008, (await socket.Log.WaitForCloseAsync(E2ETimeouts.Reply, Ct)).Code);

        var again = await ConnectAsync(user);
        var run = await again.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
    }

    [Fact]
    public async Task ErrorBurst_ManyBadFrames_SocketStillServesRun()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("bad_json", (await socket.ExpectErrorAsync("[[[", Ct)).Str("code"));
        }
        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
    }
}
