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

    [Theory]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("AGENTCHAT_JWT_KEY", true)]
    [InlineData("X-Service-Secret", true)]
    [InlineData("GREENLIGHT_BACKEND_URL", false)]
    [InlineData("PATH", false)]
    public void IsSecretName_CommonNames_Classified(string name, bool expected) =>
        Assert.Equal(expected, SecretRedactor.IsSecretName(name));
}
