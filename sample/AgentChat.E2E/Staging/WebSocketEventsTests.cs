using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "websocket events" (5): the socket's own events and envelope.</summary>
[Trait("Priority", "P2")]
[Trait("Category", "websocket-events")]
public sealed class WebSocketEventsTests : E2ETest
{
    [Fact]
    public async Task ConnectionReady_HeaderToken_CarriesUserAndConnectionId()
    {
        var user = await NewUserAsync();

        var socket = await ConnectAsync(user);

        Assert.Equal(0, socket.Log.Snapshot().ToList().FindIndex(e => e.Type == "connection_ready"));
        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
        Assert.False(string.IsNullOrEmpty(socket.Ready.Str("connectionId")));
    }

    [Fact]
    public async Task Subprotocol_TokenPair_ServerSelectsOnlyV1()
    {
        var user = await NewUserAsync();

        var socket = await ConnectAsync(user, SocketAuth.Subprotocol);

        Assert.Equal("agentchat.v1", socket.SubProtocol);
        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
    }

    [Fact]
    public async Task Ping_ReadySocket_PongEachTime()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);

        for (var i = 0; i < 3; i++)
        {
            await socket.PingAsync(Ct);
        }

        Assert.Equal(3, socket.Log.Snapshot().Count(e => e.Type == "pong"));
        Assert.Null(socket.Log.Close);
    }

    [Fact]
    public async Task RunEvents_EveryEvent_CarriesEnvelopeFields()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        Assert.All(run.Events, e =>
        {
            Assert.Equal(run.RunId, e.RunId);
            Assert.Equal(thread, e.ThreadId);
            Assert.NotNull(e.Seq);
            Assert.True(e.Ts > 1_600_000_000_000, $"ts is not unix ms: {e}");
        });
    }

    [Fact]
    public async Task TwoSocketsSameUser_Run_BothReceiveAllEvents()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        var other = await ConnectAsync(user);

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);
        var (_, end) = await other.Log.WaitForAsync(0, e => e.RunId == run.RunId && e.IsTerminal, E2ETimeouts.Reply, "terminal event on the second socket", Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(run.Events.Select(e => e.Seq), other.Log.Snapshot().Take(end + 1).Where(e => e.RunId == run.RunId).Select(e => e.Seq));
    }
}
