using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "critical path" (8): the golden path login → socket → agent → answer.</summary>
[Trait("Priority", "P2")]
[Trait("Category", "critical-path")]
public sealed class CriticalPathTests : E2ETest
{
    [Fact]
    public async Task GoldenPath_RegisteredUser_AnswerPersisted()
    {
        var user = await RegisteredUsers.RegisterAndLoginAsync(Api, Ct);
        var thread = await NewThreadAsync(user);
        var socket = await ConnectAsync(user);

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
        RunAssert.Succeeded(run);
        RunAssert.StoredAnswerMatches(run, await Api.ListMessagesAsync(user, thread, Ct));
    }

    [Fact]
    public async Task Login_WrongPassword_Unauthorized()
    {
        var (email, password) = RegisteredUsers.NewCredentials();
        (await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/register", new { email, password }, null, null, Ct)).Expect(HttpStatusCode.Created);

        var response = await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/login", new { email, password = password + "x" }, null, null, Ct);

        response.Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task Register_DuplicateEmail_Conflict()
    {
        var (email, password) = RegisteredUsers.NewCredentials();
        (await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/register", new { email, password }, null, null, Ct)).Expect(HttpStatusCode.Created);

        var again = await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/register", new { email, password }, null, null, Ct);

        again.Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task LoginToken_BackendRest_OwnThreadsOnly()
    {
        var user = await RegisteredUsers.RegisterAndLoginAsync(Api, Ct);

        var thread = await NewThreadAsync(user, "mine");
        var list = (await Api.GetAsync(Service.Backend, "api/threads", user.AccessToken, Ct)).Expect(HttpStatusCode.OK).Json;

        Assert.Equal([thread], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GoldenPath_SubprotocolAuth_RunCompletes()
    {
        var (user, thread, socket) = await ReadyUserAsync(SocketAuth.Subprotocol);

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
        RunAssert.Succeeded(run);
    }

    [Fact]
    public async Task GoldenPath_Researcher_AnswerNamesAMatch()
    {
        var (_, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Researcher, Agents.ResearchInput, Ct);

        RunAssert.Succeeded(run);
        var matches = Assert.Single(run.OfType("tool_completed")).Raw.GetProperty("result").GetProperty("matches");
        var title = matches.EnumerateArray().First().GetProperty("title").GetString()!;
        Assert.Contains(title, run.Deltas, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoldenPath_Triage_HandsOffAndAnswers()
    {
        var (user, thread, socket) = await ReadyUserAsync();

        var run = await socket.RunAsync(thread, Agents.Triage, Agents.TriageToResearch, Ct);

        RunAssert.Succeeded(run);
        Assert.Equal(Agents.Researcher, Assert.Single(run.OfType("agent_handoff")).Str("toAgentId"));
        RunAssert.StoredAnswerMatches(run, await Api.ListMessagesAsync(user, thread, Ct));
    }

    [Fact]
    public async Task GoldenPath_Reconnect_ContinuesSameThread()
    {
        var (user, thread, socket) = await ReadyUserAsync();
        RunAssert.Succeeded(await socket.RunAsync(thread, Agents.DataHelper, "compute stats for 1 1", Ct));
        var close = await socket.CloseAsync(Ct);

        var again = await ConnectAsync(user);
        var run = await again.RunAsync(thread, Agents.DataHelper, "compute stats for 2 2", Ct);

        Assert.Equal(1000, close.Code);
        RunAssert.Succeeded(run);
        Assert.Equal(4, (await Api.ListMessagesAsync(user, thread, Ct)).Length);
    }
}
