using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

public sealed class WsRecursionFaultTests(WsRecursionPlatform platform) : IClassFixture<WsRecursionPlatform>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Connect_AnyToken_Closed1011AndStackGuardExceptionLogged(bool withToken)
    {
        using var deadline = Deadline.Start();
        var token = withToken ? await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token) : null;

        await using var socket = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Header, deadline.Token);
        var frame = await socket.ReceiveAsync(deadline.Token);
        var logged = await platform.Backend.WaitForLogAsync(e => e.TryGetProperty("exception", out _), deadline.Token);

        Assert.Equal(WebSocketCloseStatus.InternalServerError, frame.CloseStatus);
        Assert.Equal("Internal error", frame.CloseReason);
        Assert.Equal("error", logged.GetProperty("level").GetString());
        Assert.True(logged.TryGetProperty("connectionId", out _));
        // What .NET itself reported: the exception type, the guard that threw, and the two
        // methods that called each other, folded into one copy with the number of repeats.
        var exception = logged.GetProperty("exception").GetString()!;
        Assert.StartsWith("System.InsufficientExecutionStackException: ", exception, StringComparison.Ordinal);
        Assert.Contains("RuntimeHelpers.EnsureSufficientExecutionStack", exception, StringComparison.Ordinal);
        Assert.Matches(@"--- the next 2 line\(s\) repeat \d{3,} times ---\n\s+at AgentChat\.Backend\.Sockets\.SafeSleep\.\w+SleepAsync", exception);
        Assert.Contains("SafeSleep.WindowsSleepAsync", exception, StringComparison.Ordinal);
    }
}

public sealed class RejectPendingAuthFaultTests(RejectPendingAuthPlatform platform) : IClassFixture<RejectPendingAuthPlatform>
{
    [Fact]
    public async Task Connect_ValidToken_Closed1011AndValidatorExceptionLogged()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        await using var socket = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Subprotocol, deadline.Token);
        var frame = await socket.ReceiveAsync(deadline.Token);
        var logged = await platform.Backend.WaitForLogAsync(e => e.GetProperty("level").GetString() == "error", deadline.Token);

        Assert.Equal(WebSocketCloseStatus.InternalServerError, frame.CloseStatus);
        Assert.Equal("Invalid user_id format: pending_auth", logged.GetProperty("message").GetString());
        var exception = logged.GetProperty("exception").GetString()!;
        Assert.StartsWith("System.FormatException: Invalid user_id format: pending_auth", exception, StringComparison.Ordinal);
        Assert.Contains("UserIdFormat.Require", exception, StringComparison.Ordinal);
        Assert.Contains("ConnectionStateMachine.Accept", exception, StringComparison.Ordinal);
    }
}

public sealed class UnwiredPipelineFaultTests(UnwiredPipelinePlatform platform) : IClassFixture<UnwiredPipelinePlatform>
{
    [Fact]
    public async Task ExecuteAgent_Accepted_UserMessageStoredNoRunEventAndMissingHandlerLogged()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "data-helper", input = "1 2 3" }, deadline.Token);
        var logged = await platform.Backend.WaitForLogAsync(e => e.GetProperty("message").GetString()!.StartsWith("no handler registered", StringComparison.Ordinal), deadline.Token);
        await socket.SendAsync(new { type = "ping" }, deadline.Token);
        var next = await socket.ReceiveEventAsync(deadline.Token);
        using var request = platform.Api(HttpMethod.Get, $"/api/threads/{thread}/messages", token);
        using var response = await platform.Http.SendAsync(request, deadline.Token);
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);

        Assert.Equal("warning", logged.GetProperty("level").GetString());
        Assert.Contains("START_AGENT", logged.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("pong", RunInvariants.Type(next));
        Assert.Equal(["user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task ExecuteAgent_UnknownAgent_StillValidatedWithErrorEvent()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "nope", input = "x" }, deadline.Token);

        Assert.Equal("unknown_agent", (await socket.ReceiveEventAsync(deadline.Token)).GetProperty("code").GetString());
    }
}

public sealed class DropUpgradeFaultTests(DropUpgradePlatform platform) : IClassFixture<DropUpgradePlatform>
{
    [Fact]
    public async Task Upgrade_Refused503WhileHealthAndApiWork()
    {
        using var deadline = Deadline.Start();
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        var error = await Assert.ThrowsAsync<WebSocketException>(() => TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Header, deadline.Token));
        using var health = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token);
        var thread = await platform.CreateThreadAsync(token, deadline.Token);
        var logged = await platform.Backend.WaitForLogAsync(e => e.GetProperty("message").GetString()!.Contains("rejected with 503", StringComparison.Ordinal), deadline.Token);

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith("t-", thread, StringComparison.Ordinal);
        Assert.Equal("warning", logged.GetProperty("level").GetString());
    }
}

public sealed class SlowDbFaultTests(SlowDbPlatform platform) : IClassFixture<SlowDbPlatform>
{
    // The fixture sets AGENTCHAT_SLOW_DB_MS=1500. The delay is a lower bound the service itself
    // measures and logs; nothing here depends on how fast the machine is.
    [Fact]
    public async Task Queries_EachDelayedAtLeastTheConfiguredTimeWhileTokenIssueIsNot()
    {
        using var deadline = Deadline.Start(60);
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);
        await platform.CreateThreadAsync(token, deadline.Token);
        using var health = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token);

        var create = await platform.Backend.WaitForLogAsync(e => e.GetProperty("message").GetString()!.StartsWith("POST /api/threads -> 201", StringComparison.Ordinal), deadline.Token);
        var healthLine = await platform.Backend.WaitForLogAsync(e => e.GetProperty("message").GetString()!.StartsWith("GET /health -> 200", StringComparison.Ordinal), deadline.Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(create.GetProperty("elapsedMs").GetDouble() >= 1500, create.ToString());
        Assert.True(healthLine.GetProperty("elapsedMs").GetDouble() >= 1500, healthLine.ToString());
    }
}

public sealed class CapacityTests(CappedPlatform platform) : IClassFixture<CappedPlatform>
{
    [Fact]
    public async Task Connect_OverTheCap_Closed1013WhileOpenOnesKeepWorking()
    {
        using var deadline = Deadline.Start();
        var (_, first) = await platform.ConnectNewUserAsync(deadline.Token);
        var (_, second) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var a = first;
        await using var b = second;
        var token = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);

        await using var third = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Header, deadline.Token);
        var refused = await third.ReceiveAsync(deadline.Token);
        await first.SendAsync(new { type = "ping" }, deadline.Token);

        Assert.Equal(1013, (int)refused.CloseStatus!);
        Assert.Equal("server at capacity, try again later", refused.CloseReason);
        Assert.Equal("pong", RunInvariants.Type(await first.ReceiveEventAsync(deadline.Token)));
    }

    [Fact]
    public async Task Connect_CapTakenBySilentUnauthenticatedSockets_RealUserStillReadyAndSilentOnesCutOff()
    {
        using var deadline = Deadline.Start();
        await WaitForOpenSocketsAsync(0, deadline.Token); // the other test's sockets are released
        var silent = new List<SilentSocket>();
        try
        {
            // More silent sockets than the cap: each gets its 1008 and never answers it.
            for (var i = 0; i < 3; i++)
            {
                var socket = await SilentSocket.OpenAsync(platform.BackendUrl, deadline.Token);
                silent.Add(socket);
                Assert.Equal(1008, await socket.ReadCloseAsync(deadline.Token));
            }

            var (_, user) = await platform.ConnectNewUserAsync(deadline.Token);
            await using var ready = user;
            var open = await OpenSocketsAsync(deadline.Token);
            await Task.WhenAll(silent.Select(s => s.WaitUntilCutOffAsync(deadline.Token)));
            var logged = await platform.Backend.WaitForLogAsync(e => e.GetProperty("message").GetString()!.StartsWith("no close answer within the authentication deadline", StringComparison.Ordinal), deadline.Token);

            Assert.Equal(1, open);
            Assert.Equal("warning", logged.GetProperty("level").GetString());
            Assert.Equal(WebSocketState.Open, ready.State);
        }
        finally
        {
            foreach (var socket in silent)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private async Task<int> OpenSocketsAsync(CancellationToken cancellationToken)
    {
        using var health = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), cancellationToken);
        return (await health.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("websocket_connections").GetInt32();
    }

    private async Task WaitForOpenSocketsAsync(int count, CancellationToken cancellationToken)
    {
        while (await OpenSocketsAsync(cancellationToken) != count)
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}

public sealed class DatabaseLossTests(DatabaseLossPlatform platform) : IClassFixture<DatabaseLossPlatform>
{
    [Fact]
    public async Task Health_DatabaseFileGone_503UnhealthyOnBothServices()
    {
        using var deadline = Deadline.Start();
        foreach (var file in Directory.EnumerateFiles(platform.TempDir, "*.db*"))
        {
            File.Delete(file);
        }

        using var auth = await platform.Http.GetAsync(new Uri(platform.AuthUrl, "/health"), deadline.Token);
        using var backend = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/health"), deadline.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, auth.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, backend.StatusCode);
        var body = await backend.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("disconnected", body.GetProperty("database_status").GetString());
    }
}
