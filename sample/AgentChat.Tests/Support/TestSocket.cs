using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AgentChat.Tests.Support;

public enum TokenTransport
{
    Header,
    Subprotocol,
    None,
}

/// <summary>A frame as the client saw it: a JSON event, or the server's close.</summary>
public sealed record Frame(JsonElement? Json, WebSocketCloseStatus? CloseStatus, string? CloseReason)
{
    public string? Type => Json?.GetProperty("type").GetString();
}

/// <summary>A real <see cref="ClientWebSocket"/> with helpers to read JSON frames and whole runs.</summary>
public sealed class TestSocket(ClientWebSocket socket) : IAsyncDisposable
{
    public WebSocketState State => socket.State;

    public string? SubProtocol => socket.SubProtocol;

    public static async Task<TestSocket> ConnectAsync(Uri backend, string? token, TokenTransport transport, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (token is not null && transport == TokenTransport.Header)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }
        else if (token is not null && transport == TokenTransport.Subprotocol)
        {
            socket.Options.AddSubProtocol("agentchat.v1");
            socket.Options.AddSubProtocol("agentchat.bearer." + token);
        }

        var uri = new UriBuilder(backend) { Scheme = backend.Scheme == "https" ? "wss" : "ws", Path = "/ws" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        return new TestSocket(socket);
    }

    public Task SendAsync(object message, CancellationToken cancellationToken) =>
        SendTextAsync(JsonSerializer.Serialize(message), cancellationToken);

    public Task SendTextAsync(string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);

    public async Task<Frame> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }

                return new Frame(null, result.CloseStatus, result.CloseStatusDescription);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(message.ToArray());
                return new Frame(document.RootElement.Clone(), null, null);
            }
        }
    }

    /// <summary>Receives the next frame and requires it to be a JSON event.</summary>
    public async Task<JsonElement> ReceiveEventAsync(CancellationToken cancellationToken)
    {
        var frame = await ReceiveAsync(cancellationToken);
        return frame.Json ?? throw new InvalidOperationException($"expected an event, got close {frame.CloseStatus} '{frame.CloseReason}'");
    }

    /// <summary>Reads the connection_ready event that opens every accepted session.</summary>
    public async Task<JsonElement> ExpectReadyAsync(CancellationToken cancellationToken)
    {
        var ready = await ReceiveEventAsync(cancellationToken);
        Assert.Equal("connection_ready", ready.GetProperty("type").GetString());
        return ready;
    }

    /// <summary>Collects the events of one run, from its agent_started to its terminal event.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReadRunAsync(CancellationToken cancellationToken)
    {
        var events = new List<JsonElement>();
        string? runId = null;
        while (true)
        {
            var e = await ReceiveEventAsync(cancellationToken);
            var type = e.GetProperty("type").GetString();
            if (!e.TryGetProperty("runId", out var id))
            {
                throw new InvalidOperationException($"unexpected non-run event while reading a run: {e}");
            }

            runId ??= id.GetString();
            if (id.GetString() != runId)
            {
                continue;
            }

            events.Add(e);
            if (type is "agent_completed" or "agent_error")
            {
                return events;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", limit.Token);
            }
            catch (Exception error) when (error is WebSocketException or OperationCanceledException)
            {
                // The test is over; a server that does not answer the close is not what it checks.
            }
        }

        socket.Dispose();
    }
}
