using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "agent pipeline" (6): one agent run from input to stored answer.</summary>
[Trait("Priority", "P2")]
[Trait("Category", "agent-pipeline")]
public sealed class AgentPipelineTests : E2ETest
{
    [Fact]
    public async Task DataHelper_Run_EmitsPipelineInOrder()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
        RunAssert.InOrder(run, "agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_partial", "agent_completed");
    }

    [Fact]
    public async Task DataHelper_ComputeStats_ResultMatchesInput()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, "numbers: 10 -2 4", Ct);

        RunAssert.Succeeded(run);
        var result = Assert.Single(run.OfType("tool_completed")).Raw.GetProperty("result");
        Assert.Equal(3, RunAssert.Number(result, "count"));
        Assert.Equal(12, RunAssert.Number(result, "sum"), 6);
        Assert.Equal(4, RunAssert.Number(result, "mean"), 6);
        Assert.Equal(-2, RunAssert.Number(result, "min"), 6);
        Assert.Equal(10, RunAssert.Number(result, "max"), 6);
    }

    [Fact]
    public async Task Researcher_SearchCatalog_FindsMatches()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        var call = Assert.Single(run.OfType("tool_executing"));
        Assert.Equal("search_catalog", call.Str("toolName"));
        var matches = Assert.Single(run.OfType("tool_completed")).Raw.GetProperty("result").GetProperty("matches");
        Assert.NotEmpty(matches.EnumerateArray());
        Assert.All(matches.EnumerateArray(), m => Assert.False(string.IsNullOrEmpty(m.GetProperty("title").GetString())));
    }

    [Fact]
    public async Task TriageRun_ToolPairs_ClosedWithSameCallId()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToResearch, Ct);

        RunAssert.Succeeded(run);
        Assert.NotEmpty(run.OfType("tool_executing"));
        RunAssert.ToolPairsClosed(run);
    }

    [Fact]
    public async Task Run_Terminal_ExactlyOnceAndNothingAfter()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);
        await socket.PingAsync(Ct);

        RunAssert.Succeeded(run);
        Assert.Single(socket.Log.Snapshot(), e => e.RunId == run.RunId && e.IsTerminal);
        var all = socket.Log.Snapshot().ToList();
        var terminalAt = all.FindIndex(e => e.RunId == run.RunId && e.IsTerminal);
        Assert.DoesNotContain(all.Skip(terminalAt + 1), e => e.RunId == run.RunId);
    }

    [Fact]
    public async Task UnknownAgent_ErrorEvent_NoRunStarted()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var error = await socket.ExpectErrorAsync(
            $$"""{"type":"execute_agent","threadId":"{{thread}}","agentId":"ghost-writer","input":"hello"}""", Ct);
        await socket.PingAsync(Ct);

        Assert.Equal("unknown_agent", error.Str("code"));
        Assert.DoesNotContain(socket.Log.Snapshot(), e => e.Type == "agent_started");
        Assert.Empty(await Api.ListMessagesAsync(user, thread, Ct));
    }
}
