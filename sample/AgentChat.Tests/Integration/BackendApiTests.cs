using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>The backend's REST API against the real processes: discovery, threads, isolation, token rules.</summary>
public sealed class BackendApiTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Fact]
    public async Task Health_WithAuthRunning_HealthyAndAuthReachable()
    {
        using var deadline = Deadline.Start();

        // auth_status comes from the backend's own 2 s probe of auth, which a machine starting
        // many services at once can miss once: up to three full readings, all kept for the message.
        var readings = new List<JsonElement>();
        for (var i = 0; i < 3 && (readings.Count == 0 || readings[^1].GetProperty("auth_status").GetString() != "reachable"); i++)
        {
            using var response = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            readings.Add(await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token));
        }

        var body = readings[^1];
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("agentchat-backend", body.GetProperty("service").GetString());
        Assert.Equal("1.0.0", body.GetProperty("version").GetString());
        Assert.Equal("connected", body.GetProperty("database_status").GetString());
        Assert.True(body.GetProperty("auth_status").GetString() == "reachable", string.Join('\n', readings));
    }

    [Fact]
    public async Task Agents_Discovery_FourAgentsWithTools()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        var (status, body) = await SendAsync(HttpMethod.Get, "/api/agents", token, null, deadline.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["data-helper", "failing-tool", "researcher", "triage"], body.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        var dataHelper = body.EnumerateArray().First();
        Assert.Equal("compute_stats", dataHelper.GetProperty("tools")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task AgentConfiguration_KnownAndUnknown_ConfigOr404()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        var (status, triage) = await SendAsync(HttpMethod.Get, "/api/agents/triage", token, null, deadline.Token);
        var (missing, _) = await SendAsync(HttpMethod.Get, "/api/agents/nope", token, null, deadline.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(PlatformFixture.ThinkMs, triage.GetProperty("thinkMs").GetInt32());
        Assert.Equal(["data-helper", "researcher"], triage.GetProperty("handoffTargets").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Threads_CreateListGetDelete_OwnThreadLifecycle()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        var (created, thread) = await SendAsync(HttpMethod.Post, "/api/threads", token, new { title = "Budget" }, deadline.Token);
        var id = thread.GetProperty("id").GetString()!;
        var (_, list) = await SendAsync(HttpMethod.Get, "/api/threads", token, null, deadline.Token);
        var (got, one) = await SendAsync(HttpMethod.Get, $"/api/threads/{id}", token, null, deadline.Token);
        var (messagesStatus, messages) = await SendAsync(HttpMethod.Get, $"/api/threads/{id}/messages", token, null, deadline.Token);
        var (deleted, _) = await SendAsync(HttpMethod.Delete, $"/api/threads/{id}", token, null, deadline.Token);
        var (afterDelete, _) = await SendAsync(HttpMethod.Get, $"/api/threads/{id}", token, null, deadline.Token);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("Budget", thread.GetProperty("title").GetString());
        Assert.Equal([id], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, got);
        Assert.Equal("Budget", one.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, messagesStatus);
        Assert.Equal(0, messages.GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete);
    }

    [Fact]
    public async Task Threads_AnotherUsersThread_NotFoundEverywhereAndNotListed()
    {
        using var deadline = Deadline.Start();
        var owner = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);
        var intruder = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);
        var id = await platform.CreateThreadAsync(owner, deadline.Token);

        var (get, _) = await SendAsync(HttpMethod.Get, $"/api/threads/{id}", intruder, null, deadline.Token);
        var (messages, _) = await SendAsync(HttpMethod.Get, $"/api/threads/{id}/messages", intruder, null, deadline.Token);
        var (delete, _) = await SendAsync(HttpMethod.Delete, $"/api/threads/{id}", intruder, null, deadline.Token);
        var (_, list) = await SendAsync(HttpMethod.Get, "/api/threads", intruder, null, deadline.Token);
        var (stillThere, _) = await SendAsync(HttpMethod.Get, $"/api/threads/{id}", owner, null, deadline.Token);

        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Equal(HttpStatusCode.NotFound, messages);
        Assert.Equal(HttpStatusCode.NotFound, delete);
        Assert.Equal(0, list.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, stillThere);
    }

    [Fact]
    public async Task Api_MissingExpiredForgedUnsignedMalformedOversizedOrBadSubjectToken_401WithReason()
    {
        using var deadline = Deadline.Start();
        var cases = new (string? Token, string Detail)[]
        {
            (null, "missing bearer token (Authorization: Bearer <jwt>)"),
            (BadTokens.Expired(platform, "e2e-user-001"), "token refused: token expired"),
            (BadTokens.WrongKey("e2e-user-001"), "token refused: invalid signature"),
            (BadTokens.AlgNone("e2e-user-001"), "token refused: algorithm not allowed"),
            (BadTokens.Malformed, "token refused: malformed token"),
            (BadTokens.Oversized(), "token refused: token too large"),
            (BadTokens.SignedFor(platform, "../../x"), "token refused: invalid subject"),
        };

        foreach (var (token, detail) in cases)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, "/api/threads", token, null, deadline.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal(detail, body.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task CreateThread_TooLongTitle_BadRequest()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        var (status, body) = await SendAsync(HttpMethod.Post, "/api/threads", token, new { title = new string('x', 201) }, deadline.Token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("title must have 1 to 200 characters", body.GetProperty("detail").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token, object? body, CancellationToken cancellationToken)
    {
        using var request = platform.Api(method, path, token, body);
        using var response = await platform.Http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
