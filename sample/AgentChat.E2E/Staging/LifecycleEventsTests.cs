using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "lifecycle events" (6): how runs and connections begin and end.</summary>
[Trait("Priority", "P3")]
[Trait("Category", "lifecycle-events")]
public sealed class LifecycleEventsTests : E2ETest
{
    [Fact]
    public async Task Run_Started_FirstWithInputAndAgent()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal("agent_started", run.Events[0].Type);
        Assert.Equal(0, run.Events[0].Seq);
        Assert.Equal(Agents.ResearchInput, run.Events[0].Str("input"));
        Assert.Equal(Agents.Researcher, run.Events[0].AgentId);
    }

    [Fact]
    public async Task Run_Thinking_BetweenStartAndTerminal()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
        Assert.All(run.OfType("agent_thinking"), e => Assert.False(string.IsNullOrEmpty(e.Str("text"))));
        RunAssert.InOrder(run, "agent_started", "agent_thinking", "agent_completed");
    }

    [Fact]
    public async Task CancelledRun_Lifecycle_EndsOnceWithCancelled()
    {
        var (_, thread, socket) = await ReadyUserAsync();
        var started = await socket.StartRunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        await socket.SendAsync(new { type = "cancel_run", runId = started.RunId }, Ct);
        var run = await socket.WaitForRunAsync(started, Ct);
        await socket.PingAsync(Ct);

        RunAssert.Invariants(run);
        Assert.Equal("cancelled", run.Terminal.Str("outcome"));
        Assert.Single(socket.Log.Snapshot(), e => e.RunId == started.RunId && e.IsTerminal);
    }

    [Fact]
    public async Task FailedRun_Lifecycle_StartedThenAgentError()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.FailingTool, "fail please", Ct);

        RunAssert.Invariants(run);
        RunAssert.InOrder(run, "agent_started", "tool_executing", "tool_completed", "agent_error");
        Assert.DoesNotContain(run.Events, e => e.Type == "agent_completed");
    }

    [Fact]
    public async Task ClientClose_Normal_ServerAnswers1000()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);

        var close = await socket.CloseAsync(Ct);

        Assert.Equal(1000, close.Code);
    }

    [Fact]
    public async Task Run_Timestamps_NonDecreasingUnixMs()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToStats, Ct);

        RunAssert.Succeeded(run);
        var stamps = run.Events.Select(e => e.Ts!.Value).ToList();
        Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First <= p.Second), $"ts went backwards: {string.Join(", ", stamps)}");
        Assert.True(stamps[0] > 1_600_000_000_000, $"ts is not unix milliseconds: {stamps[0]}");
    }
}
