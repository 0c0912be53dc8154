using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.P1;

public sealed partial class P1CriticalTests
{
    [Fact]
    [Trait("Category", "auth")]
    public async Task T007_AuthTokenValidation()
    {
        var user = await NewUserAsync();
        var issued = (await Api.IssueTokenAsync("e2e-user-" + Guid.NewGuid().ToString("N")[..12], E2ESettings.BypassKey, Ct))
            .Expect(HttpStatusCode.OK).Json;

        Assert.Equal("Bearer", issued.GetProperty("tokenType").GetString());
        Assert.True(RunAssert.Number(issued, "expiresIn") > 0, $"token without expiry: {issued}");
        Assert.Equal(3, issued.GetProperty("accessToken").GetString()!.Split('.').Length);
        (await Api.GetAsync(Service.Backend, "api/threads", user.AccessToken, Ct)).Expect(HttpStatusCode.OK);
        (await Api.GetAsync(Service.Backend, "api/threads", null, Ct)).Expect(HttpStatusCode.Unauthorized);
        (await Api.GetAsync(Service.Backend, "api/threads", Tokens.WrongSignature(user.AccessToken), Ct)).Expect(HttpStatusCode.Unauthorized);
        (await Api.IssueTokenAsync("e2e-user-wrong-key", "not-the-key", Ct)).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    [Trait("Category", "isolation")]
    public async Task T008_UserContextIsolation()
    {
        var owner = await NewUserAsync();
        var other = await NewUserAsync();
        var thread = await NewThreadAsync(owner, "owner's private thread");

        (await Api.GetAsync(Service.Backend, $"api/threads/{thread}", other.AccessToken, Ct)).Expect(HttpStatusCode.NotFound);
        (await Api.GetAsync(Service.Backend, $"api/threads/{thread}/messages", other.AccessToken, Ct)).Expect(HttpStatusCode.NotFound);
        (await Api.SendAsync(Service.Backend, HttpMethod.Delete, $"api/threads/{thread}", null, other.AccessToken, null, Ct)).Expect(HttpStatusCode.NotFound);
        var othersList = (await Api.GetAsync(Service.Backend, "api/threads", other.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;
        Assert.DoesNotContain(othersList.EnumerateArray(), t => t.GetProperty("id").GetString() == thread);
        (await Api.GetAsync(Service.Backend, $"api/threads/{thread}", owner.AccessToken, Ct)).Expect(HttpStatusCode.OK);

        var intruder = await ConnectAsync(other);
        await intruder.SendAsync(new { type = "execute_agent", threadId = thread, agentId = Agents.DataHelper, input = "1 2" }, Ct);
        var close = await intruder.Log.WaitForCloseAsync(E2ETimeouts.Reply, Ct);
        Assert.Equal(1008, close.Code);
        Assert.DoesNotContain(intruder.Log.Snapshot(), e => e.Type == "agent_started");
        Assert.Empty(await Api.ListMessagesAsync(owner, thread, Ct));
    }

    [Fact]
    [Trait("Category", "isolation")]
    public async Task T009_ConcurrentUserSeparation()
    {
        var alice = await ReadyUserAsync();
        var bob = await ReadyUserAsync();

        var runs = await Task.WhenAll(
            alice.Socket.RunAsync(alice.ThreadId, Agents.DataHelper, Agents.StatsInput, Ct),
            bob.Socket.RunAsync(bob.ThreadId, Agents.Researcher, Agents.ResearchInput, Ct));
        await Task.WhenAll(alice.Socket.PingAsync(Ct), bob.Socket.PingAsync(Ct));

        Assert.All(runs, RunAssert.Succeeded);
        Assert.All(alice.Socket.Log.Snapshot().Where(e => e.ThreadId is not null), e => Assert.Equal(alice.ThreadId, e.ThreadId));
        Assert.All(bob.Socket.Log.Snapshot().Where(e => e.ThreadId is not null), e => Assert.Equal(bob.ThreadId, e.ThreadId));
        Assert.DoesNotContain(alice.Socket.Log.Snapshot(), e => e.RunId == runs[1].RunId);
        Assert.DoesNotContain(bob.Socket.Log.Snapshot(), e => e.RunId == runs[0].RunId);
    }

    [Fact]
    [Trait("Category", "threads")]
    public async Task T010_ThreadCreationManagement()
    {
        var user = await NewUserAsync();

        var created = (await Api.SendAsync(Service.Backend, HttpMethod.Post, "api/threads", new { title = "Quarterly numbers" }, user.AccessToken, null, Ct))
            .Expect(HttpStatusCode.Created).Json;
        var id = created.GetProperty("id").GetString()!;

        Assert.Equal("Quarterly numbers", created.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("createdAt").ToString()));
        var list = (await Api.GetAsync(Service.Backend, "api/threads", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;
        Assert.Contains(list.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        var fetched = (await Api.GetAsync(Service.Backend, $"api/threads/{id}", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;
        Assert.Equal("Quarterly numbers", fetched.GetProperty("title").GetString());
        (await Api.SendAsync(Service.Backend, HttpMethod.Delete, $"api/threads/{id}", null, user.AccessToken, null, Ct)).Expect(HttpStatusCode.NoContent);
        (await Api.GetAsync(Service.Backend, $"api/threads/{id}", user.AccessToken, Ct)).Expect(HttpStatusCode.NotFound);
        (await Api.SendAsync(Service.Backend, HttpMethod.Delete, $"api/threads/{id}", null, user.AccessToken, null, Ct)).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    [Trait("Category", "persistence")]
    public async Task T011_MessagePersistenceRetrieval()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);
        var messages = await Api.ListMessagesAsync(user, thread, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(2, messages.Length);
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal(Agents.StatsInput, messages[0].GetProperty("content").GetString());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        Assert.Equal(Agents.DataHelper, messages[1].GetProperty("agentId").GetString());
        RunAssert.StoredAnswerMatches(run, messages);
    }
}
