using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "message flow" (8): client frames in, events out, messages stored.</summary>
[Trait("Priority", "P2")]
[Trait("Category", "message-flow")]
public sealed class MessageFlowTests : E2ETest
{
    [Fact]
    public async Task ExecuteAgent_UserMessage_PersistedWithInput()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, "compute stats for 8 8", Ct);
        var messages = await Api.ListMessagesAsync(user, thread, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal("compute stats for 8 8", messages[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task ExecuteAgent_AssistantMessage_EqualsStreamedDeltas()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        var answer = RunAssert.StoredAnswerMatches(run, await Api.ListMessagesAsync(user, thread, Ct));
        Assert.Equal(Agents.Researcher, answer.GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task ThreeRuns_SameThread_MessagesAlternateInOrder()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        string[] inputs = ["compute stats for 1 2", "compute stats for 3 4", "compute stats for 5 6"];

        foreach (var input in inputs)
        {
            RunAssert.Succeeded(await socket.RunAsync(thread, Agents.DataHelper, input, Ct));
        }
        var messages = await Api.ListMessagesAsync(user, thread, Ct);

        Assert.Equal(6, messages.Length);
        Assert.Equal(inputs, messages.Where((_, i) => i % 2 == 0).Select(m => m.GetProperty("content").GetString()));
        Assert.All(messages.Where((_, i) => i % 2 == 1), m => Assert.Equal("assistant", m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task MalformedJson_ErrorEvent_SocketStaysOpen()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);

        var error = await socket.ExpectErrorAsync("{\"type\": \"execute_agent\", ", Ct);
        await socket.PingAsync(Ct);

        Assert.Equal("bad_json", error.Str("code"));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
    }

    [Fact]
    public async Task UnknownType_ErrorEvent_SocketStaysOpen()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);

        var error = await socket.ExpectErrorAsync("""{"type":"subscribe_everything"}""", Ct);
        await socket.PingAsync(Ct);

        Assert.Equal("unknown_type", error.Str("code"));
    }

    [Fact]
    public async Task OversizedFrame_Rejected_FrameTooLarge()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);
        var huge = $$"""{"type":"ping","padding":"{{new string('x', 70 * 1024)}}"}""";

        await socket.SendTextAsync(huge, Ct);
        var (reply, _) = await socket.Log.WaitForAsync(1, e => e.Type is "error" or "pong", E2ETimeouts.Reply, "frame_too_large error", Ct);

        Assert.Equal("error", reply.Type);
        Assert.Equal("frame_too_large", reply.Str("code"));
    }

    [Fact]
    public async Task CreateThread_ThenList_NewestListedWithTitle()
    {
        var user = await NewUserAsync();

        var first = await NewThreadAsync(user, "first");
        var second = await NewThreadAsync(user, "second");
        var list = (await Api.GetAsync(Service.Backend, "api/threads", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json.EnumerateArray().ToList();

        Assert.Equal(2, list.Count);
        Assert.Equal(new HashSet<string?> { first, second }, list.Select(t => t.GetProperty("id").GetString()).ToHashSet());
        Assert.Contains(list, t => t.GetProperty("title").GetString() == "second");
    }

    [Fact]
    public async Task DeletedThread_Messages_NotFound()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        RunAssert.Succeeded(await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct));

        (await Api.SendAsync(Service.Backend, HttpMethod.Delete, $"api/threads/{thread}", null, user.AccessToken, null, Ct)).Expect(HttpStatusCode.NoContent);

        (await Api.GetAsync(Service.Backend, $"api/threads/{thread}/messages", user.AccessToken, Ct)).Expect(HttpStatusCode.NotFound);
    }
}
