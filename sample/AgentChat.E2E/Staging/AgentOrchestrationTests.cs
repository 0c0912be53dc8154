using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "agent orchestration" (7): handoffs, concurrent runs, cancellation.</summary>
[Trait("Priority", "P3")]
[Trait("Category", "agent-orchestration")]
public sealed class AgentOrchestrationTests : E2ETest
{
    [Fact]
    public async Task Triage_NumbersInput_HandsOffToDataHelper()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToStats, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(Agents.DataHelper, Assert.Single(run.OfType("agent_handoff")).Str("toAgentId"));
        Assert.Equal("compute_stats", Assert.Single(run.OfType("tool_executing")).Str("toolName"));
    }

    [Fact]
    public async Task Triage_SearchInput_HandsOffToResearcher()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToResearch, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(Agents.Researcher, Assert.Single(run.OfType("agent_handoff")).Str("toAgentId"));
        Assert.Equal("search_catalog", Assert.Single(run.OfType("tool_executing")).Str("toolName"));
    }

    [Fact]
    public async Task Handoff_Event_CarriesFromToAndReason()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToStats, Ct);

        RunAssert.Succeeded(run);
        var handoff = Assert.Single(run.OfType("agent_handoff"));
        Assert.Equal(Agents.Triage, handoff.Str("fromAgentId"));
        Assert.Equal(Agents.DataHelper, handoff.Str("toAgentId"));
        Assert.False(string.IsNullOrWhiteSpace(handoff.Str("reason")));
    }

    [Fact]
    public async Task Handoff_AfterwardsEvents_CarryTargetAgentInSameRun()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToResearch, Ct);

        RunAssert.Succeeded(run);
        var at = run.Types.ToList().IndexOf("agent_handoff");
        Assert.All(run.Events.Skip(at + 1), e => Assert.Equal(Agents.Researcher, e.AgentId));
        Assert.All(run.Events.Take(at), e => Assert.Equal(Agents.Triage, e.AgentId));
    }

    [Fact]
    public async Task ConcurrentRuns_DifferentThreadsOneSocket_BothComplete()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        var secondThread = await NewThreadAsync(user, "second");

        var first = await socket.StartRunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);
        var second = await socket.StartRunAsync(secondThread, Agents.Researcher, Agents.ResearchInput, Ct);
        var runs = await Task.WhenAll(socket.WaitForRunAsync(first, Ct), socket.WaitForRunAsync(second, Ct));

        Assert.All(runs, RunAssert.Succeeded);
        Assert.NotEqual(runs[0].RunId, runs[1].RunId);
    }

    [Fact]
    public async Task SecondRun_SameThreadWhileActive_RunInProgressError()
    {
        var (_, thread, socket) = await ReadyUserAsync();
        var first = await socket.StartRunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        var error = await socket.ExpectErrorAsync(
            $$"""{"type":"execute_agent","threadId":"{{thread}}","agentId":"researcher","input":"again"}""", Ct);
        var run = await socket.WaitForRunAsync(first, Ct);

        Assert.Equal("run_in_progress", error.Str("code"));
        RunAssert.Succeeded(run);
        Assert.DoesNotContain(socket.Log.Snapshot(), e => e.Type == "agent_started" && e.RunId != first.RunId);
    }

    [Fact]
    public async Task CancelRun_Active_CompletesCancelled()
    {
        var (_, thread, socket) = await ReadyUserAsync();
        var started = await socket.StartRunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        await socket.SendAsync(new { type = "cancel_run", runId = started.RunId }, Ct);
        var run = await socket.WaitForRunAsync(started, Ct);

        RunAssert.Invariants(run);
        Assert.Equal("agent_completed", run.Terminal.Type);
        Assert.Equal("cancelled", run.Terminal.Str("outcome"));
    }
}
