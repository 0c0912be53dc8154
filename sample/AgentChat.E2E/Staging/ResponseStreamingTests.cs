using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "response streaming" (5): partial results before completion.</summary>
[Trait("Priority", "P2")]
[Trait("Category", "response-streaming")]
public sealed class ResponseStreamingTests : E2ETest
{
    [Fact]
    public async Task Run_FirstPartial_ArrivesBeforeTerminal()
    {
        var (_, thread, socket) = await ReadyUserAsync();
        var started = await socket.StartRunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        var (partial, partialAt) = await socket.Log.WaitForAsync(started.StartIndex,
            e => e.RunId == started.RunId && (e.Type == "agent_partial" || e.IsTerminal), E2ETimeouts.Run, "first agent_partial", Ct);
        var run = await socket.WaitForRunAsync(started, Ct);

        Assert.Equal("agent_partial", partial.Type);
        Assert.True(partialAt < socket.Log.Snapshot().ToList().IndexOf(run.Terminal));
        RunAssert.Succeeded(run);
    }

    [Fact]
    public async Task Run_Partials_ConcatenateToStoredMessage()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToStats, Ct);

        RunAssert.Succeeded(run);
        Assert.NotEmpty(run.Deltas);
        RunAssert.StoredAnswerMatches(run, await Api.ListMessagesAsync(user, thread, Ct));
    }

    [Fact]
    public async Task Run_Seq_ContiguousFromZero()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(Enumerable.Range(0, run.Events.Count).Select(i => (long?)i), run.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task Run_Partials_NonEmptyDeltasFromOneAgent()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, "compute stats for 100 200 300", Ct);

        RunAssert.Succeeded(run);
        var partials = run.OfType("agent_partial").ToList();
        Assert.True(partials.Count >= 2, $"expected several partials, got {partials.Count}");
        Assert.All(partials, p => Assert.False(string.IsNullOrEmpty(p.Str("delta"))));
        Assert.All(partials, p => Assert.Equal(Agents.DataHelper, p.AgentId));
    }

    [Fact]
    public async Task Completed_MessageId_IsTheStoredAssistantMessage()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        RunAssert.Succeeded(run);
        var answer = RunAssert.StoredAnswerMatches(run, await Api.ListMessagesAsync(user, thread, Ct));
        Assert.Equal(answer.GetProperty("id").ToString(), run.Terminal.Raw.GetProperty("messageId").ToString());
    }
}
