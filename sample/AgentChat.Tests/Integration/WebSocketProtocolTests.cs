using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>/ws against the real backend: handshake, every run invariant, bad input and close codes.</summary>
public sealed class WebSocketProtocolTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    [Theory]
    [InlineData(TokenTransport.Header, null)]
    [InlineData(TokenTransport.Subprotocol, "agentchat.v1")]
    public async Task Connect_ValidToken_ReadyWithUserIdAndOnlyTheProtocolEchoed(TokenTransport transport, string? protocol)
    {
        using var deadline = Deadline.Start();
        var userId = PlatformFixture.NewUserId();
        var token = await platform.TokenAsync(userId, deadline.Token);

        await using var socket = await TestSocket.ConnectAsync(platform.BackendUrl, token, transport, deadline.Token);
        var ready = await socket.ExpectReadyAsync(deadline.Token);

        Assert.Equal(protocol, socket.SubProtocol);
        Assert.Equal(userId, ready.GetProperty("userId").GetString());
        Assert.StartsWith("c-", ready.GetProperty("connectionId").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", "No JWT in WebSocket headers or subprotocols")]
    [InlineData("expired", "token refused: token expired")]
    [InlineData("wrong-key", "token refused: invalid signature")]
    [InlineData("alg-none", "token refused: algorithm not allowed")]
    [InlineData("malformed", "token refused: malformed token")]
    [InlineData("oversized", "token refused: token too large")]
    [InlineData("bad-subject", "token refused: invalid subject")]
    public async Task Connect_MissingOrBadToken_Closed1008WithReason(string kind, string reason)
    {
        using var deadline = Deadline.Start();
        var token = kind switch
        {
            "expired" => BadTokens.Expired(platform, "e2e-user-001"),
            "wrong-key" => BadTokens.WrongKey("e2e-user-001"),
            "alg-none" => BadTokens.AlgNone("e2e-user-001"),
            "malformed" => BadTokens.Malformed,
            "oversized" => BadTokens.Oversized(),
            "bad-subject" => BadTokens.SignedFor(platform, "../../x"),
            _ => null,
        };

        await using var socket = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Subprotocol, deadline.Token);
        var frame = await socket.ReceiveAsync(deadline.Token);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, frame.CloseStatus);
        Assert.Equal(reason, frame.CloseReason);
    }

    [Fact]
    public async Task ExecuteAgent_DataHelper_AllInvariantsAndStoredAnswerEqualsPartials()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "data-helper", input = "1, 2, 3, 4" }, deadline.Token);
        var run = await socket.ReadRunAsync(deadline.Token);

        var answer = RunInvariants.AssertValidRun(run);
        Assert.Equal(["agent_started", "agent_thinking", "tool_executing", "tool_completed"], RunInvariants.Types(run.Take(4)));
        Assert.Equal("agent_completed", RunInvariants.Type(run[^1]));
        Assert.Equal("success", run[^1].GetProperty("outcome").GetString());
        Assert.Equal("For 4 numbers: sum 10, mean 2.5, median 2.5, min 1, max 4, standard deviation 1.118.", answer);
        var messages = await MessagesAsync(token, thread, deadline.Token);
        Assert.Equal(["user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("1, 2, 3, 4", messages[0].GetProperty("content").GetString());
        Assert.Equal(answer, messages[1].GetProperty("content").GetString());
        Assert.Equal(run[^1].GetProperty("messageId").GetString(), messages[1].GetProperty("id").GetString());
        Assert.Equal(run[0].GetProperty("runId").GetString(), messages[1].GetProperty("runId").GetString());
    }

    [Fact]
    public async Task ExecuteAgent_Triage_HandoffEventThenTargetAgentAnswers()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "triage", input = "tell me about websocket close codes" }, deadline.Token);
        var run = await socket.ReadRunAsync(deadline.Token);

        RunInvariants.AssertValidRun(run);
        var handoff = run.Single(e => RunInvariants.Type(e) == "agent_handoff");
        Assert.Equal("researcher", handoff.GetProperty("toAgentId").GetString());
        Assert.Equal("researcher", run[^1].GetProperty("agentId").GetString());
    }

    [Fact]
    public async Task ExecuteAgent_FailingTool_AgentErrorThenSocketStillServesRuns()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "failing-tool", input = "x" }, deadline.Token);
        var failed = await socket.ReadRunAsync(deadline.Token);
        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "researcher", input = "jwt" }, deadline.Token);
        var next = await socket.ReadRunAsync(deadline.Token);

        RunInvariants.AssertValidRun(failed);
        Assert.Equal("agent_error", RunInvariants.Type(failed[^1]));
        Assert.Equal("tool_failed", failed[^1].GetProperty("code").GetString());
        RunInvariants.AssertValidRun(next);
        Assert.Equal("success", next[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task BadInput_Each_ErrorEventAndSocketStaysOpen()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);
        var frames = new (string Text, string Code)[]
        {
            ("{not json", "bad_json"),
            ("[1,2]", "bad_json"),
            ("""{"type":"dance"}""", "unknown_type"),
            ("""{"type":"execute_agent","threadId":"x"}""", "bad_request"),
            ($$"""{"type":"execute_agent","threadId":"{{thread}}","agentId":"nope","input":"hi"}""", "unknown_agent"),
            ("""{"type":"cancel_run","runId":"run-unknown"}""", "run_not_found"),
            ("{\"type\":\"ping\",\"pad\":\"" + new string('x', 70_000) + "\"}", "frame_too_large"),
        };

        foreach (var (text, code) in frames)
        {
            await socket.SendTextAsync(text, deadline.Token);
            var error = await socket.ReceiveEventAsync(deadline.Token);
            Assert.Equal("error", RunInvariants.Type(error));
            Assert.Equal(code, error.GetProperty("code").GetString());
        }

        await socket.SendAsync(new { type = "ping" }, deadline.Token);
        Assert.Equal("pong", RunInvariants.Type(await socket.ReceiveEventAsync(deadline.Token)));
    }

    [Fact]
    public async Task ExecuteAgent_AnotherUsersThread_Closed1008()
    {
        using var deadline = Deadline.Start();
        var ownerToken = await platform.TokenAsync(PlatformFixture.NewUserId(), deadline.Token);
        var foreignThread = await platform.CreateThreadAsync(ownerToken, deadline.Token);
        var (_, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;

        await socket.SendAsync(new { type = "execute_agent", threadId = foreignThread, agentId = "researcher", input = "jwt" }, deadline.Token);
        var frame = await socket.ReceiveAsync(deadline.Token);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, frame.CloseStatus);
        Assert.Equal("thread not found", frame.CloseReason);
        Assert.Empty(await MessagesAsync(ownerToken, foreignThread, deadline.Token));
    }

    [Fact]
    public async Task ExecuteAgent_SecondRunOnBusyThread_RunInProgressError()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "researcher", input = "jwt" }, deadline.Token);
        var started = await socket.ReceiveEventAsync(deadline.Token);
        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "researcher", input = "again" }, deadline.Token);
        var frames = new List<JsonElement>();
        while (frames.Count == 0 || RunInvariants.Type(frames[^1]) is not ("agent_completed" or "agent_error") || !frames.Any(f => RunInvariants.Type(f) == "error"))
        {
            frames.Add(await socket.ReceiveEventAsync(deadline.Token));
        }

        Assert.Equal("agent_started", RunInvariants.Type(started));
        Assert.Equal("run_in_progress", frames.Single(f => RunInvariants.Type(f) == "error").GetProperty("code").GetString());
        RunInvariants.AssertValidRun([started, .. frames.Where(f => RunInvariants.Type(f) != "error")]);
    }

    [Fact]
    public async Task CancelRun_DuringRun_CompletedAsCancelledAndPartialAnswerStored()
    {
        using var deadline = Deadline.Start();
        var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var _ = socket;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await socket.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "researcher", input = "websocket" }, deadline.Token);
        var started = await socket.ReceiveEventAsync(deadline.Token);
        await socket.SendAsync(new { type = "cancel_run", runId = started.GetProperty("runId").GetString() }, deadline.Token);
        var rest = new List<JsonElement> { started };
        while (RunInvariants.Type(rest[^1]) is not ("agent_completed" or "agent_error"))
        {
            rest.Add(await socket.ReceiveEventAsync(deadline.Token));
        }

        var answer = RunInvariants.AssertValidRun(rest);
        Assert.Equal("cancelled", rest[^1].GetProperty("outcome").GetString());
        var stored = (await MessagesAsync(token, thread, deadline.Token)).Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal(answer, stored.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Runs_TwoSocketsOfOneUserAndAnotherUser_BothOwnSocketsGetEventsOtherGetsNone()
    {
        using var deadline = Deadline.Start();
        var userId = PlatformFixture.NewUserId();
        var token = await platform.TokenAsync(userId, deadline.Token);
        await using var first = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Header, deadline.Token);
        await using var second = await TestSocket.ConnectAsync(platform.BackendUrl, token, TokenTransport.Subprotocol, deadline.Token);
        await first.ExpectReadyAsync(deadline.Token);
        await second.ExpectReadyAsync(deadline.Token);
        var (_, other) = await platform.ConnectNewUserAsync(deadline.Token);
        await using var __ = other;
        var thread = await platform.CreateThreadAsync(token, deadline.Token);

        await first.SendAsync(new { type = "execute_agent", threadId = thread, agentId = "triage", input = "mean of 5 and 7" }, deadline.Token);
        var seenByFirst = await first.ReadRunAsync(deadline.Token);
        var seenBySecond = await second.ReadRunAsync(deadline.Token);
        await other.SendAsync(new { type = "ping" }, deadline.Token);
        var otherNext = await other.ReceiveEventAsync(deadline.Token);

        RunInvariants.AssertValidRun(seenByFirst);
        Assert.Equal(seenByFirst.Select(e => e.GetRawText()), seenBySecond.Select(e => e.GetRawText()));
        Assert.Equal("pong", RunInvariants.Type(otherNext));
    }

    [Fact]
    public async Task Runs_ConcurrentUsers_EachReceivesOnlyOwnRun()
    {
        using var deadline = Deadline.Start();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            var (token, socket) = await platform.ConnectNewUserAsync(deadline.Token);
            return (Token: token, Socket: socket, Thread: await platform.CreateThreadAsync(token, deadline.Token));
        }));

        try
        {
            var runs = await Task.WhenAll(sessions.Select(async (s, i) =>
            {
                await s.Socket.SendAsync(new { type = "execute_agent", threadId = s.Thread, agentId = "data-helper", input = $"{i} {i + 1}" }, deadline.Token);
                return await s.Socket.ReadRunAsync(deadline.Token);
            }));

            for (var i = 0; i < sessions.Length; i++)
            {
                RunInvariants.AssertValidRun(runs[i]);
                Assert.All(runs[i], e => Assert.Equal(sessions[i].Thread, e.GetProperty("threadId").GetString()));
            }
        }
        finally
        {
            foreach (var s in sessions)
            {
                await s.Socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Upgrade_PlainHttpGet_400Problem()
    {
        using var deadline = Deadline.Start();

        using var response = await platform.Http.GetAsync(new Uri(platform.BackendUrl, "/ws"), deadline.Token);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<IReadOnlyList<JsonElement>> MessagesAsync(string token, string thread, CancellationToken cancellationToken)
    {
        using var request = platform.Api(HttpMethod.Get, $"/api/threads/{thread}/messages", token);
        using var response = await platform.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).EnumerateArray()];
    }
}
