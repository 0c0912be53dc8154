using AgentChat.Backend;
using AgentChat.Backend.Agents;
using AgentChat.Backend.Runs;
using AgentChat.Backend.Storage;
using AgentChat.Common.Faults;
using AgentChat.Common.Storage;
using AgentChat.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AgentChat.Tests.Unit;

/// <summary>Runs each agent through the real runner and a real SQLite file; no think time.</summary>
public sealed class AgentRunnerTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentchat-runner-").FullName;
    private readonly CollectingSink _sink = new();
    private readonly AgentCatalog _agents = AgentCatalog.Load(Catalog.LoadBundled(), AgentDefinitionParserTests.BuiltFile);
    private ChatStore _store = null!;
    private AgentRunner _runner = null!;

    public async ValueTask InitializeAsync()
    {
        var db = new SqliteConnector(Path.Combine(_dir, "backend.db"));
        await db.EnsureSchemaAsync(ChatStore.Schema, TestContext.Current.CancellationToken);
        _store = new ChatStore(db, TimeProvider.System);
        var options = new BackendOptions(TimeSpan.Zero, 10, null, "test", FaultSwitches.None);
        _runner = new AgentRunner(_store, _sink, TimeProvider.System, options, NullLogger<AgentRunner>.Instance);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_DataHelper_ToolPairThenAnswerStoredAsStreamed()
    {
        var (thread, request) = await RequestAsync("data-helper", "1, 2, 3, 4");

        await _runner.RunAsync(request, TestContext.Current.CancellationToken);

        var answer = RunInvariants.AssertValidRun(_sink.Events);
        Assert.Equal(["agent_started", "agent_thinking", "tool_executing", "tool_completed"], RunInvariants.Types(_sink.Events.Take(4)));
        Assert.Equal("For 4 numbers: sum 10, mean 2.5, median 2.5, min 1, max 4, standard deviation 1.118.", answer);
        Assert.Equal(2.5, _sink.Events[3].GetProperty("result").GetProperty("mean").GetDouble());
        var terminal = _sink.Events[^1];
        Assert.Equal("success", terminal.GetProperty("outcome").GetString());
        var stored = (await _store.ListMessagesAsync("user-a1", thread, TestContext.Current.CancellationToken))!.Single(m => m.Role == "assistant");
        Assert.Equal(answer, stored.Content);
        Assert.Equal(terminal.GetProperty("messageId").GetString(), stored.Id);
        Assert.All(_sink.Users, u => Assert.Equal("user-a1", u));
    }

    [Fact]
    public async Task RunAsync_Triage_HandsOffAndLaterEventsCarryTargetAgent()
    {
        var (_, request) = await RequestAsync("triage", "search the catalogue for websocket");

        await _runner.RunAsync(request, TestContext.Current.CancellationToken);

        var answer = RunInvariants.AssertValidRun(_sink.Events);
        var handoff = _sink.Events.Single(e => RunInvariants.Type(e) == "agent_handoff");
        Assert.Equal("triage", handoff.GetProperty("fromAgentId").GetString());
        Assert.Equal("researcher", handoff.GetProperty("toAgentId").GetString());
        var after = _sink.Events.SkipWhile(e => RunInvariants.Type(e) != "agent_handoff").Skip(1).ToList();
        Assert.All(after, e => Assert.Equal("researcher", e.GetProperty("agentId").GetString()));
        var tool = after.Single(e => RunInvariants.Type(e) == "tool_completed");
        Assert.Equal("cat-websocket-protocol", tool.GetProperty("result").GetProperty("matches")[0].GetProperty("id").GetString());
        Assert.Contains("cat-websocket-protocol", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailingTool_ClosedPairThenAgentErrorAndNoAssistantMessage()
    {
        var (thread, request) = await RequestAsync("failing-tool", "anything");

        await _runner.RunAsync(request, TestContext.Current.CancellationToken);

        RunInvariants.AssertValidRun(_sink.Events);
        Assert.Equal(["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_error"], RunInvariants.Types(_sink.Events));
        Assert.Equal("tool_failed", _sink.Events[^1].GetProperty("code").GetString());
        Assert.Contains("always_fails", _sink.Events[^1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(_sink.Events[3].GetProperty("result").TryGetProperty("error", out _));
        Assert.DoesNotContain((await _store.ListMessagesAsync("user-a1", thread, TestContext.Current.CancellationToken))!, m => m.Role == "assistant");
    }

    [Fact]
    public async Task RunAsync_CancelledBeforeFirstStep_CompletedAsCancelledWithEmptyStoredAnswer()
    {
        var (thread, request) = await RequestAsync("researcher", "jwt");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await _runner.RunAsync(request, cancelled.Token);

        RunInvariants.AssertValidRun(_sink.Events);
        Assert.Equal(["agent_started", "agent_completed"], RunInvariants.Types(_sink.Events));
        Assert.Equal("cancelled", _sink.Events[^1].GetProperty("outcome").GetString());
        var stored = (await _store.ListMessagesAsync("user-a1", thread, TestContext.Current.CancellationToken))!.Single(m => m.Role == "assistant");
        Assert.Equal(string.Empty, stored.Content);
    }

    [Fact]
    public async Task RunAsync_CancelledDuringToolCall_ToolPairClosedThenCancelled()
    {
        var time = new FakeTimeProvider();
        var options = new BackendOptions(TimeSpan.FromMilliseconds(100), 10, null, "test", FaultSwitches.None);
        var runner = new AgentRunner(_store, _sink, time, options, NullLogger<AgentRunner>.Instance);
        var (_, request) = await RequestAsync("data-helper", "3 4");
        using var cancel = new CancellationTokenSource();
        using var deadline = Deadline.Start();

        var run = runner.RunAsync(request, cancel.Token);
        time.Advance(TimeSpan.FromMilliseconds(100));
        while (!_sink.Events.Any(e => RunInvariants.Type(e) == "tool_executing"))
        {
            await Task.Delay(10, deadline.Token);
        }

        await cancel.CancelAsync();
        await run.WaitAsync(deadline.Token);

        RunInvariants.AssertValidRun(_sink.Events);
        Assert.Equal(["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"], RunInvariants.Types(_sink.Events));
        Assert.Equal("cancelled", _sink.Events[3].GetProperty("result").GetProperty("error").GetString());
        Assert.Equal("cancelled", _sink.Events[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ListMessagesAsync_AnotherUsersThread_NotFound()
    {
        var (thread, _) = await RequestAsync("researcher", "jwt");

        Assert.Null(await _store.ListMessagesAsync("user-b2", thread, TestContext.Current.CancellationToken));
        Assert.Null(await _store.GetThreadAsync("user-b2", thread, TestContext.Current.CancellationToken));
        Assert.False(await _store.DeleteThreadAsync("user-b2", thread, TestContext.Current.CancellationToken));
        Assert.NotNull(await _store.GetThreadAsync("user-a1", thread, TestContext.Current.CancellationToken));
    }

    private async Task<(string Thread, RunRequest Request)> RequestAsync(string agentId, string input)
    {
        var thread = await _store.CreateThreadAsync("user-a1", "t", TestContext.Current.CancellationToken);
        return (thread.Id, new RunRequest("user-a1", thread.Id, "run-" + Guid.NewGuid().ToString("N"), _agents.Find(agentId)!, input));
    }
}
