using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>The auth service's HTTP API, against the real process.</summary>
public sealed class AuthApiTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task Health_Running_HealthyWithDatabaseAndUptime()
    {
        using var deadline = Deadline.Start();

        using var response = await platform.Http.GetAsync(new Uri(platform.AuthUrl, "/health"), deadline.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("agentchat-auth", body.GetProperty("service").GetString());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal("connected", body.GetProperty("database_status").GetString());
        Assert.Equal("staging", body.GetProperty("environment").GetString());
        Assert.True(body.GetProperty("uptime_seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Login_AfterRegister_TokenThatValidatesForThatUser()
    {
        using var deadline = Deadline.Start();
        var email = $"{Guid.NewGuid():N}@example.org";

        var registered = await PostAsync("/auth/register", new { email, password = "a-long-password", displayName = "Ada" }, deadline.Token);
        var login = await PostAsync("/auth/login", new { email = email.ToUpperInvariant(), password = "a-long-password" }, deadline.Token);
        var token = login.Body.GetProperty("accessToken").GetString()!;
        var validated = await PostAsync("/auth/validate", new { token }, deadline.Token, ("X-Service-Secret", platform.ServiceSecret));

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var userId = registered.Body.GetProperty("userId").GetString();
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Equal("Bearer", login.Body.GetProperty("tokenType").GetString());
        Assert.Equal(900, login.Body.GetProperty("expiresIn").GetInt32());
        Assert.Equal(userId, login.Body.GetProperty("userId").GetString());
        Assert.True(validated.Body.GetProperty("valid").GetBoolean());
        Assert.Equal(userId, validated.Body.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Register_SameEmailTwice_Conflict()
    {
        using var deadline = Deadline.Start();
        var email = $"{Guid.NewGuid():N}@example.org";
        await PostAsync("/auth/register", new { email, password = "a-long-password" }, deadline.Token);

        var second = await PostAsync("/auth/register", new { email, password = "another-password" }, deadline.Token);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("a user with this email already exists", second.Body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("""{"email":"not-an-email","password":"a-long-password"}""", "email is not a valid address")]
    [InlineData("""{"email":"a@b.c","password":"short"}""", "password must have at least 8 characters")]
    [InlineData("""{"email":""", "malformed JSON body")]
    public async Task Register_InvalidData_ProblemWithDetail(string json, string detail)
    {
        using var deadline = Deadline.Start();

        var result = await PostRawAsync("/auth/register", json, deadline.Token);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.StartsWith(detail, result.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_Unauthorized()
    {
        using var deadline = Deadline.Start();
        var email = $"{Guid.NewGuid():N}@example.org";
        await PostAsync("/auth/register", new { email, password = "a-long-password" }, deadline.Token);

        var login = await PostAsync("/auth/login", new { email, password = "wrong-password" }, deadline.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, login.Status);
        Assert.Equal("invalid email or password", login.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_WithBypassKey_TokenForThatUserId()
    {
        using var deadline = Deadline.Start();

        var issued = await PostAsync("/auth/token", new { userId = "e2e-user-001" }, deadline.Token, ("X-E2E-Bypass-Key", platform.BypassKey));

        Assert.Equal(HttpStatusCode.OK, issued.Status);
        Assert.Equal("e2e-user-001", issued.Body.GetProperty("userId").GetString());
        Assert.Equal(3, issued.Body.GetProperty("accessToken").GetString()!.Split('.').Length);
    }

    [Theory]
    [InlineData("wrong-key", "e2e-user-001", HttpStatusCode.Unauthorized)]
    [InlineData(null, "e2e-user-001", HttpStatusCode.Unauthorized)]
    [InlineData("<fixture>", "Bad_Id", HttpStatusCode.BadRequest)]
    public async Task Token_BadKeyOrUserId_Refused(string? key, string userId, HttpStatusCode expected)
    {
        using var deadline = Deadline.Start();
        var header = key switch { null => ("X-Other", "x"), "<fixture>" => ("X-E2E-Bypass-Key", platform.BypassKey), _ => ("X-E2E-Bypass-Key", key) };

        var result = await PostAsync("/auth/token", new { userId }, deadline.Token, header);

        Assert.Equal(expected, result.Status);
    }

    [Fact]
    public async Task Validate_WithoutSecretOrWithTamperedToken_RefusedClearly()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync("e2e-user-002", deadline.Token);

        var noSecret = await PostAsync("/auth/validate", new { token }, deadline.Token);
        var wrongSecret = await PostAsync("/auth/validate", new { token }, deadline.Token, ("X-Service-Secret", "nope"));
        var tampered = await PostAsync("/auth/validate", new { token = token[..^2] + (token[^2] == 'A' ? "BB" : "AA") }, deadline.Token, ("X-Service-Secret", platform.ServiceSecret));

        Assert.Equal(HttpStatusCode.Unauthorized, noSecret.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.Status);
        Assert.Equal(HttpStatusCode.OK, tampered.Status);
        Assert.False(tampered.Body.GetProperty("valid").GetBoolean());
        Assert.Equal("invalid signature", tampered.Body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Logs_AfterTokenRequests_JsonLinesWithoutTheToken()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync("e2e-user-003", deadline.Token);

        await platform.Auth.WaitForLogAsync(e => e.GetProperty("message").GetString()!.StartsWith("POST /auth/token -> 200", StringComparison.Ordinal), deadline.Token);

        Assert.All(platform.Auth.Lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("level", out _));
            Assert.True(entry.RootElement.TryGetProperty("time", out _));
            Assert.DoesNotContain(token, line, StringComparison.Ordinal);
            Assert.DoesNotContain(platform.BypassKey, line, StringComparison.Ordinal);
        });
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body, CancellationToken cancellationToken, params (string Name, string Value)[] headers)
    {
        var result = await SendAsync(path, JsonContent.Create(body), headers, cancellationToken);
        return (result.Status, result.Body);
    }

    private Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> PostRawAsync(string path, string json, CancellationToken cancellationToken) =>
        SendAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), [], cancellationToken);

    private async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> SendAsync(string path, HttpContent content, (string Name, string Value)[] headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.AuthUrl, path)) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await platform.Http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }
}
