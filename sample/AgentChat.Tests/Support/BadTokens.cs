using System.Text;
using AgentChat.Common.Tokens;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace AgentChat.Tests.Support;

/// <summary>Tokens a server must refuse, minted with the fixture's real key where that matters.</summary>
public static class BadTokens
{
    public static string Expired(PlatformFixture platform, string userId)
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        return new TokenService(new JwtSettings(Encoding.UTF8.GetBytes(platform.JwtKey), 15, false), past).Issue(userId).AccessToken;
    }

    public static string WrongKey(string userId) =>
        new TokenService(new JwtSettings(Encoding.UTF8.GetBytes(new string('w', 48)), 15, false), TimeProvider.System).Issue(userId).AccessToken;

    public static string AlgNone(string userId)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"{{userId}}","iss":"agentchat-auth","aud":"agentchat","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }
}
