using Greenlight.Secrets;

namespace Greenlight.Core.Tests;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_RegisteredEnvironmentSecret_IsMasked()
    {
        var redactor = new SecretRedactor();
        redactor.AddFromEnvironment([new("AGENTCHAT_E2E_BYPASS_KEY", "hunter2-bypass"), new("GREENLIGHT_AUTH_URL", "http://127.0.0.1:5000")]);

        var text = redactor.Redact("key=hunter2-bypass url=http://127.0.0.1:5000");

        Assert.Equal("key=*** url=http://127.0.0.1:5000", text);
    }

    [Fact]
    public void Redact_UnregisteredJwt_IsMaskedByShape()
    {
        var text = new SecretRedactor().Redact("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl end");

        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.EndsWith(" end", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_BearerHeader_KeepsSchemeMasksValue()
    {
        var text = new SecretRedactor().Redact("Authorization: Bearer abcdefgh12345678");

        Assert.Equal("Authorization: Bearer ***", text);
    }

    [Fact]
    public void Add_ValueShorterThanEight_NotMaskedAndListedOnceWithoutTheValue()
    {
        var redactor = new SecretRedactor();
        redactor.AddFromEnvironment([new("AGENTCHAT_AUTH_TOKEN", "hunter2"), new("OTHER_TOKEN", "hunter2")]);
        redactor.Add("hunter2");

        var text = redactor.Redact("POST http://127.0.0.1:5001/auth/hunter2 502");

        Assert.Equal("POST http://127.0.0.1:5001/auth/hunter2 502", text);
        var ignored = Assert.Single(redactor.Ignored);
        Assert.Equal(new IgnoredSecret("AGENTCHAT_AUTH_TOKEN", 7, "shorter than 8 characters"), ignored);
        Assert.DoesNotContain("hunter2", ignored.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("the value of AGENTCHAT_AUTH_TOKEN is not masked in output: shorter than 8 characters", ignored.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("Localhost")]
    [InlineData("development")]
    public void Add_CommonWord_NotMaskedAndListed(string word)
    {
        var redactor = new SecretRedactor();
        redactor.Add(word);

        var text = redactor.Redact($"connect to {word} failed");

        Assert.Equal($"connect to {word} failed", text);
        Assert.Equal("a common word", Assert.Single(redactor.Ignored).Reason);
    }

    [Fact]
    public void Add_EightRandomCharacters_MaskedAndNothingIgnored()
    {
        var redactor = new SecretRedactor();
        redactor.Add("k9Xq2LmZ");

        Assert.Equal("key=***;", redactor.Redact("key=k9Xq2LmZ;"));
        Assert.Empty(redactor.Ignored);
    }

    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("AGENTCHAT_JWT_KEY", true)]
    [InlineData("X-Service-Secret", true)]
    [InlineData("GREENLIGHT_BACKEND_URL", false)]
    [InlineData("PATH", false)]
    public void IsSecretName_CommonNames_Classified(string name, bool expected) =>
        Assert.Equal(expected, SecretRedactor.IsSecretName(name));
}
