using System.Security.Claims;
using System.Text;
using AgentChat.Common.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AgentChat.Tests.Unit;

public sealed class TokenServiceTests
{
    private static readonly JwtSettings Settings = new(Encoding.UTF8.GetBytes(new string('k', 64)), 15, false);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ValidateAsync_FreshToken_ReturnsSubjectAndExpiry()
    {
        var tokens = new TokenService(Settings, _time);
        var issued = tokens.Issue("e2e-user-001");

        var check = await tokens.ValidateAsync(issued.AccessToken);

        Assert.True(check.Valid, check.Reason);
        Assert.Equal("e2e-user-001", check.UserId);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), check.ExpiresAt);
        Assert.Equal(900, issued.ExpiresIn);
    }

    [Fact]
    public async Task ValidateAsync_AfterExpiryPlusSkew_RefusedAsExpired()
    {
        var tokens = new TokenService(Settings, _time);
        var issued = tokens.Issue("e2e-user-001");

        _time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(20));
        Assert.True((await tokens.ValidateAsync(issued.AccessToken)).Valid);
        _time.Advance(TimeSpan.FromSeconds(20));
        var check = await tokens.ValidateAsync(issued.AccessToken);

        Assert.False(check.Valid);
        Assert.Equal("token expired", check.Reason);
    }

    [Fact]
    public async Task ValidateAsync_SignedWithAnotherKey_RefusedAsInvalidSignature()
    {
        var other = new TokenService(Settings with { Key = Encoding.UTF8.GetBytes(new string('x', 64)) }, _time);

        var check = await new TokenService(Settings, _time).ValidateAsync(other.Issue("e2e-user-001").AccessToken);

        Assert.False(check.Valid);
        Assert.Equal("invalid signature", check.Reason);
    }

    [Theory]
    [InlineData("abc.def.ghi", "malformed token")]
    [InlineData("a.b", "malformed token")]
    [InlineData("not a token at all", "malformed token")]
    public async Task ValidateAsync_Malformed_RefusedWithoutThrowing(string token, string reason)
    {
        var check = await new TokenService(Settings, _time).ValidateAsync(token);

        Assert.Equal((false, reason), (check.Valid, check.Reason));
    }

    [Fact]
    public async Task ValidateAsync_OverTheLengthLimit_RefusedAsTooLarge()
    {
        var check = await new TokenService(Settings, _time).ValidateAsync("a." + new string('b', TokenService.MaxTokenLength) + ".c");

        Assert.Equal((false, "token too large"), (check.Valid, check.Reason));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("Bad_User")]
    [InlineData("pending_auth")]
    public async Task ValidateAsync_SignedButSubjectIsNoUserId_RefusedAsInvalidSubject(string subject)
    {
        var tokens = new TokenService(Settings, _time);

        var check = await tokens.ValidateAsync(tokens.Issue(subject).AccessToken);

        Assert.Equal((false, "invalid subject"), (check.Valid, check.Reason));
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_Refused()
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var exp = _time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        var payload = Base64Url($$"""{"sub":"e2e-user-001","iss":"agentchat-auth","aud":"agentchat","exp":{{exp}}}""");

        var check = await new TokenService(Settings, _time).ValidateAsync($"{header}.{payload}.");

        Assert.False(check.Valid);
        Assert.Equal("algorithm not allowed", check.Reason);
    }

    [Theory]
    [InlineData("agentchat-auth", "someone-else", "wrong audience")]
    [InlineData("evil-issuer", "agentchat", "wrong issuer")]
    public async Task ValidateAsync_WrongAudienceOrIssuer_RefusedWithReason(string issuer, string audience, string reason)
    {
        var token = Craft(issuer, audience, SecurityAlgorithms.HmacSha256);

        var check = await new TokenService(Settings, _time).ValidateAsync(token);

        Assert.False(check.Valid);
        Assert.Equal(reason, check.Reason);
    }

    [Fact]
    public async Task ValidateAsync_OtherHmacAlgorithm_Refused()
    {
        var check = await new TokenService(Settings, _time).ValidateAsync(Craft(JwtSettings.Issuer, JwtSettings.Audience, SecurityAlgorithms.HmacSha512));

        Assert.False(check.Valid);
        Assert.Equal("algorithm not allowed", check.Reason);
    }

    [Theory]
    [InlineData(null, "token missing")]
    [InlineData("not-a-jwt", "malformed token")]
    public async Task ValidateAsync_Garbage_RefusedWithReason(string? token, string reason)
    {
        var check = await new TokenService(Settings, _time).ValidateAsync(token);

        Assert.False(check.Valid);
        Assert.Equal(reason, check.Reason);
    }

    [Fact]
    public void From_ShortKey_ReturnsError()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AGENTCHAT_JWT_KEY"] = "too-short" }).Build();

        var (settings, error) = JwtSettings.From(configuration);

        Assert.Null(settings);
        Assert.Contains("at least 32 bytes", error, StringComparison.Ordinal);
    }

    private string Craft(string issuer, string audience, string algorithm)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "e2e-user-001")]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Settings.Key), algorithm),
        });
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
