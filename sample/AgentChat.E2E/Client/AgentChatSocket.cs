using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace AgentChat.E2E.Client;

public enum SocketAuth
{
    /// <summary>Authorization: Bearer header on the upgrade.</summary>
    Header,

    /// <summary>Subprotocols ["agentchat.v1", "agentchat.bearer.&lt;jwt&gt;"] (what browsers use).</summary>
    Subprotocol,
}

/// <summary>
/// A protocol client for /ws. Sends X-Greenlight-Test on the upgrade; a background loop records
/// every received event (<see cref="SocketEventLog"/>); waits are bounded and fail with what was
/// received so far. Upgrade failures and early closes are raised, naming the address.
/// </summary>
public sealed partial class AgentChatSocket : IAsyncDisposable
{
    private readonly ClientWebSocket socket;
    private readonly Task receiveLoop;
    private readonly CancellationTokenSource stop = new();

    private AgentChatSocket(ClientWebSocket socket, Uri url)
    {
        this.socket = socket;
        Url = url;
        Log = new SocketEventLog(url);
        receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public Uri Url { get; }

    public SocketEventLog Log { get; }

    /// <summary>The subprotocol the server selected (null when none).</summary>
    public string? SubProtocol => socket.SubProtocol;

    /// <summary>The connection_ready event (set by <see cref="ConnectAsync"/>).</summary>
    public ProtocolEvent? Ready { get; private set; }

    /// <summary>Opens the socket and waits for connection_ready; anything else fails.</summary>
    public static async Task<AgentChatSocket> ConnectAsync(string testName, string token, SocketAuth auth, CancellationToken ct)
    {
        var client = await OpenAsync(testName, token, auth, ct);
        try
        {
            var first = await client.Log.NextAsync(0, E2ETimeouts.Connect, "connection_ready", ct);
            if (first.Type != "connection_ready")
            {
                throw new E2EFailure($"{client.Url}: first event was {first}, expected connection_ready");
            }
            client.Ready = first;
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Only the upgrade: for tests that expect the server to close the socket.</summary>
    public static async Task<AgentChatSocket> OpenAsync(string testName, string? token, SocketAuth auth, CancellationToken ct)
    {
        var url = E2ESettings.BackendSocketUrl;
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader(AgentChatApi.TestHeader, testName);
        if (token is not null && auth == SocketAuth.Header)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }
        if (auth == SocketAuth.Subprotocol)
        {
            socket.Options.AddSubProtocol("agentchat.v1");
            if (token is not null)
            {
                socket.Options.AddSubProtocol("agentchat.bearer." + token);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(E2ETimeouts.Connect);
        try
        {
            await socket.ConnectAsync(url, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new E2EFailure($"WebSocket handshake with {url} did not complete within {E2ETimeouts.Connect.TotalSeconds:0} s", e);
        }
        catch (WebSocketException e)
        {
            var status = socket.HttpStatusCode == 0 ? "no HTTP response" : $"HTTP {(int)socket.HttpStatusCode}";
            socket.Dispose();
            throw new E2EFailure($"cannot open WebSocket {url} ({status}): {e.InnerException?.Message ?? e.Message}", e);
        }
        return new AgentChatSocket(socket, url);
    }

    public Task SendAsync(object message, CancellationToken ct) =>
        SendTextAsync(JsonSerializer.Serialize(message), ct);

    public async Task SendTextAsync(string text, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(E2ETimeouts.Reply);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new E2EFailure($"cannot send to {Url} ({Log.Close?.ToString() ?? socket.State.ToString()}): {e.Message}", e);
        }
    }

    /// <summary>Starts a graceful close from the client and waits for the server's close frame.</summary>
    public async Task<CloseInfo> CloseAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(E2ETimeouts.Reply);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", timeout.Token);
        return await Log.WaitForCloseAsync(E2ETimeouts.Reply, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "test done", quick.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Teardown only: the test's assertions already ran; an abort here changes no outcome.
            }
        }
        await stop.CancelAsync();
        socket.Abort();
        await receiveLoop;
        socket.Dispose();
        stop.Dispose();
    }

    // Completes the closing handshake the server started, as a well-behaved client does.
    private async Task AnswerCloseAsync(WebSocketCloseStatus? status)
    {
        using var quick = new CancellationTokenSource(E2ETimeouts.Reply);
        try
        {
            await socket.CloseOutputAsync(status ?? WebSocketCloseStatus.NormalClosure, null, quick.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The close code is already recorded; a peer that vanished after closing changes nothing.
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Log.Closed(new CloseInfo((int?)result.CloseStatus, result.CloseStatusDescription, null));
                    await AnswerCloseAsync(result.CloseStatus);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                Log.Add(text);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Log.Closed(new CloseInfo(null, null, "closed by the test"));
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            Log.Closed(new CloseInfo(null, null, e.Message));
        }
    }
}
