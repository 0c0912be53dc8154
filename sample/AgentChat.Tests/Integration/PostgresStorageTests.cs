using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>Both services on a real PostgreSQL: the same flows as on SQLite.</summary>
public sealed class PostgresStorageTests(PostgresPlatform platform) : IClassFixture<PostgresPlatform>
{
    [Fact]
    public async Task Start_WithConnectionString_UsesPostgresAndIsHealthy()
    {
        using var deadline = Deadline.Start();

        using var auth = await platform.Http.GetAsync(new Uri(platform.AuthUrl, "/health"), deadline.Token);
        using var backend = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token);

        Assert.Equal(HttpStatusCode.OK, auth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, backend.StatusCode);
        Assert.Contains(platform.Backend.Lines, l => l.Contains("with postgres storage", StringComparison.Ordinal));
        Assert.Contains(platform.Auth.Lines, l => l.Contains("with postgres storage", StringComparison.Ordinal));
        Assert.DoesNotContain(platform.Backend.Lines, l => l.Contains("Host=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisterLoginRunAndRead_OnPostgres_AnswerStoredAndIsolated()
    {
        using var deadline = Deadline.Start();
        var email = $"{Guid.NewGuid():N}@example.org";
        using (var register = await platform.Http.PostAsJsonAsync(new Uri(platform.AuthUrl, "/auth/register"), new { email, password = "pg-password-1" }, deadline.Token))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        }

        using var login = await platform.Http.PostAsJsonAsync(new Uri(platform.AuthUrl, "/auth/login"), new { email, password = "pg-password-1" }, deadline.Token);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(deadline.Token)).GetProperty("accessToken").GetString()!;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);
        await using var socket = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Header, deadline.Token);
        await socket.ExpectReadyAsync(deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "triage", input = "average of 10 and 20" }, deadline.Token);
        var answer = RunInvariants.AssertValidRun(await socket.ReadRunAsync(deadline.Token));
        using var mine = platform.Api(HttpMethod.Get, $"/api/threads/{thread}/messages", token);
        using var messages = await platform.Http.SendAsync(mine, deadline.Token);
        var stored = await messages.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        var stranger = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);
        using var theirs = platform.Api(HttpMethod.Get, $"/api/threads/{thread}/messages", stranger);
        using var foreign = await platform.Http.SendAsync(theirs, deadline.Token);

        Assert.Contains("mean 15", answer, StringComparison.Ordinal);
        Assert.Equal(answer, stored[1].GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}

public sealed class PostgresOutageTests(PostgresOutagePlatform platform) : IClassFixture<PostgresOutagePlatform>
{
    [Fact]
    public async Task Health_PostgresStopped_503DisconnectedOnBothServices()
    {
        using var deadline = Deadline.Start(60);
        using (var before = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await platform.Postgres.StopAsync(deadline.Token);
        using var auth = await platform.Http.GetAsync(new Uri(platform.AuthUrl, "/health"), deadline.Token);
        using var backend = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, auth.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, backend.StatusCode);
        var body = await backend.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        Assert.Equal("disconnected", body.GetProperty("database_status").GetString());
        await platform.Backend.WaitForLogAsync(e => e.GetProperty("message").GetString()!.StartsWith("database unreachable (postgres)", StringComparison.Ordinal), deadline.Token);
    }
}
