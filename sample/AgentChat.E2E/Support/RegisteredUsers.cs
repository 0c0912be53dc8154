using System.Net;
using AgentChat.E2E.Client;

namespace AgentChat.E2E.Support;

/// <summary>Users who sign up and log in like real ones (no bypass key).</summary>
public static class RegisteredUsers
{
    public static (string Email, string Password) NewCredentials()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return ($"e2e-{id}@example.test", $"Pw-{id}-long-enough!");
    }

    public static async Task<E2EUser> RegisterAndLoginAsync(AgentChatApi api, CancellationToken ct)
    {
        var (email, password) = NewCredentials();
        var registered = (await api.SendAsync(Service.Auth, HttpMethod.Post, "auth/register",
            new { email, password, displayName = "E2E user" }, null, null, ct)).Expect(HttpStatusCode.Created).Json;
        var login = (await api.SendAsync(Service.Auth, HttpMethod.Post, "auth/login", new { email, password }, null, null, ct))
            .Expect(HttpStatusCode.OK).Json;
        var userId = login.GetProperty("userId").GetString()!;
        Assert.Equal(registered.GetProperty("userId").GetString(), userId);
        return new E2EUser(userId, login.GetProperty("accessToken").GetString()!);
    }
}
