using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.P1;

/// <summary>
/// The P1 critical tier: the 25 tests of the E2E index (sample/AgentChat.E2E/README.md), in its order.
/// 100 % must pass. Split over partial files by area; one class, run in T-number order.
/// </summary>
[Trait("Priority", "P1")]
[TestCaseOrderer(typeof(ByMethodNameOrderer))]
public sealed partial class P1CriticalTests : E2ETest
{
    [Fact]
    [Trait("Category", "websocket")]
    public async Task T001_WebSocketConnection()
    {
        var user = await NewUserAsync();
        var socket = await ConnectAsync(user);

        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
        Assert.False(string.IsNullOrEmpty(socket.Ready.Str("connectionId")), $"connection_ready without connectionId: {socket.Ready}");
        await socket.PingAsync(Ct);
        Assert.Null(socket.Log.Close);
    }

    [Fact]
    [Trait("Category", "websocket")]
    public async Task T002_WebSocketAuthentication()
    {
        var user = await NewUserAsync();

        var browserStyle = await ConnectAsync(user, SocketAuth.Subprotocol);
        Assert.Equal("agentchat.v1", browserStyle.SubProtocol);
        Assert.Equal(user.UserId, browserStyle.Ready!.Str("userId"));

        var noToken = await OpenAsync(null);
        var forged = await OpenAsync(Tokens.WrongSignature(user.AccessToken));
        var closes = await Task.WhenAll(
            noToken.Log.WaitForCloseAsync(E2ETimeouts.Reply, Ct), forged.Log.WaitForCloseAsync(E2ETimeouts.Reply, Ct));
        Assert.All(closes, c => Assert.Equal(1008, c.Code));
        Assert.DoesNotContain(noToken.Log.Snapshot(), e => e.Type == "connection_ready");
        Assert.DoesNotContain(forged.Log.Snapshot(), e => e.Type == "connection_ready");
    }

    [Fact]
    [Trait("Category", "websocket")]
    public async Task T003_WebSocketMessageSend()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        Assert.Equal(Agents.StatsInput, run.Events[0].Str("input"));
        Assert.Equal(Agents.DataHelper, run.Events[0].AgentId);
        RunAssert.Succeeded(run);
    }

    [Fact]
    [Trait("Category", "websocket")]
    public async Task T004_WebSocketConcurrentConnections()
    {
        const int Users = 5, SocketsPerUser = 4;
        var users = await Task.WhenAll(Enumerable.Range(0, Users).Select(_ => NewUserAsync()));

        var sockets = await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, SocketsPerUser).Select(_ => ConnectAsync(u))));

        Assert.Equal(Users * SocketsPerUser, sockets.Select(s => s.Ready!.Str("connectionId")).Distinct().Count());
        await Task.WhenAll(sockets.Select(s => s.PingAsync(Ct)));
        Assert.All(sockets, s => Assert.Null(s.Log.Close));
    }

    [Fact]
    [Trait("Category", "agents")]
    public async Task T005_AgentDiscovery()
    {
        var user = await NewUserAsync();

        var agents = (await Api.GetAsync(Service.Backend, "api/agents", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;

        var byId = agents.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Superset(new HashSet<string> { Agents.DataHelper, Agents.Researcher, Agents.Triage }, byId.Keys.ToHashSet());
        Assert.All(byId.Values, a => Assert.False(string.IsNullOrEmpty(a.GetProperty("name").GetString())));
        Assert.Contains(byId[Agents.DataHelper].GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "compute_stats");
        Assert.Contains(byId[Agents.Researcher].GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "search_catalog");
    }

    [Fact]
    [Trait("Category", "agents")]
    public async Task T006_AgentConfiguration()
    {
        var user = await NewUserAsync();

        var helper = (await Api.GetAsync(Service.Backend, "api/agents/data-helper", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;
        var triage = (await Api.GetAsync(Service.Backend, "api/agents/triage", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;
        var unknown = await Api.GetAsync(Service.Backend, "api/agents/no-such-agent", user.AccessToken, Ct);

        Assert.Equal(Agents.DataHelper, helper.GetProperty("id").GetString());
        Assert.True(RunAssert.Number(helper, "thinkMs") > 0, $"data-helper has no think time: {helper}");
        Assert.NotEmpty(helper.GetProperty("tools").EnumerateArray());
        var targets = triage.GetProperty("handoffTargets").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains(Agents.DataHelper, targets);
        Assert.Contains(Agents.Researcher, targets);
        unknown.Expect(HttpStatusCode.NotFound);
    }
}
