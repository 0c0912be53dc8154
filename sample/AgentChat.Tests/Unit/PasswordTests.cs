using AgentChat.Auth;

namespace AgentChat.Tests.Unit;

public sealed class PasswordTests
{
    private readonly PasswordHasher _hasher = new(PasswordHasher.DefaultIterations);

    [Fact]
    public void Verify_SamePassword_True()
    {
        var stored = _hasher.Hash("correct horse");

        Assert.StartsWith("pbkdf2-sha256$100000$", stored, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse", stored));
    }

    [Fact]
    public void Hash_SamePasswordTwice_DifferentSalts()
    {
        Assert.NotEqual(_hasher.Hash("correct horse"), _hasher.Hash("correct horse"));
    }

    [Theory]
    [InlineData("wrong horse")]
    [InlineData("")]
    public void Verify_OtherPassword_False(string password)
    {
        Assert.False(PasswordHasher.Verify(password, _hasher.Hash("correct horse")));
    }

    [Theory]
    [InlineData("plain-text")]
    [InlineData("pbkdf2-sha256$abc$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    [InlineData("md5$1000$AAAA$AAAA")]
    public void Verify_MalformedStoredHash_FalseNotException(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }

    [Theory]
    [InlineData(null, "pw-123456", "email is required")]
    [InlineData("no-at-sign", "pw-123456", "email is not a valid address")]
    [InlineData("a@b@c", "pw-123456", "email is not a valid address")]
    [InlineData("a b@c.d", "pw-123456", "email is not a valid address")]
    [InlineData("a@b.c", "short", "password must have at least 8 characters")]
    [InlineData("a@b.c", null, "password must have at least 8 characters")]
    public void Check_InvalidRegistration_NamesTheProblem(string? email, string? password, string expected)
    {
        Assert.Equal(expected, RegistrationRules.Check(new RegisterRequest(email, password, null)));
    }

    [Fact]
    public void Check_ValidRegistration_Null()
    {
        Assert.Null(RegistrationRules.Check(new RegisterRequest("Ada@Example.org", "long enough", "Ada")));
        Assert.Equal("ada@example.org", RegistrationRules.NormalizeEmail(" Ada@Example.org "));
    }
}
