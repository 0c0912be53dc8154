using System.Net;
using AgentChat.E2E.Client;
using AgentChat.E2E.Support;

namespace AgentChat.E2E.Staging;

/// <summary>Staging module "service coordination" (5): auth and backend agree about users and tokens.</summary>
[Trait("Priority", "P3")]
[Trait("Category", "service-coordination")]
public sealed class ServiceCoordinationTests : E2ETest
{
    [Fact]
    public async Task BypassToken_BackendRest_Accepted()
    {
        var user = await NewUserAsync();

        var response = await Api.GetAsync(Service.Backend, "api/threads", user.AccessToken, Ct);

        Assert.Empty(response.Expect(HttpStatusCode.OK).Json.EnumerateArray());
    }

    [Fact]
    public async Task BypassToken_BackendSocket_SameUserId()
    {
        var user = await NewUserAsync();

        var socket = await ConnectAsync(user, SocketAuth.Subprotocol);

        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
    }

    [Fact]
    public async Task Validate_WithoutServiceSecret_Unauthorized()
    {
        var user = await NewUserAsync();

        var response = await Api.SendAsync(Service.Auth, HttpMethod.Post, "auth/validate", new { token = user.AccessToken }, null, null, Ct);

        response.Expect(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(user.AccessToken, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendHealth_AuthRunning_ReportsReachable()
    {
        var auth = (await Api.GetAsync(Service.Auth, "health", null, Ct)).Expect(HttpStatusCode.OK).Json;
        var backend = await BackendHealth.WithAuthReachableAsync(Api, Ct);

        Assert.Equal("healthy", auth.GetProperty("status").GetString());
        Assert.Equal("healthy", backend.GetProperty("status").GetString());
    }

    [Fact]
    public async Task LoginToken_BackendSocket_RunsAsThatUser()
    {
        var user = await RegisteredUsers.RegisterAndLoginAsync(Api, Ct);
        var thread = await NewThreadAsync(user);
        var socket = await ConnectAsync(user);

        var run = await socket.RunAsync(thread, Agents.DataHelper, Agents.StatsInput, Ct);

        Assert.Equal(user.UserId, socket.Ready!.Str("userId"));
        RunAssert.Succeeded(run);
    }
}
