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

    /// <summary>Three dot-separated parts, so it has a JWT's shape, but no decodable header.</summary>
    public const string Malformed = "abc.def.ghi";

    /// <summary>Well-formed parts, over the 8 KiB limit (a header this size still fits Kestrel's limits).</summary>
    public static string Oversized() =>
        $"{Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""")}.{Base64UrlEncoder.Encode(new string('x', 9000))}.c2ln";

    /// <summary>Correctly signed with the platform's key, for a subject that is not a user id.</summary>
    public static string SignedFor(PlatformFixture platform, string subject) =>
        new TokenService(new JwtSettings(Encoding.UTF8.GetBytes(platform.JwtKey), 15, false), TimeProvider.System).Issue(subject).AccessToken;

    public static string AlgNone(string userId)
    {
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode($$"""{"sub":"{{userId}}","iss":"agentchat-auth","aud":"agentchat","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }
}
