using System.Buffers;
using System.Net.WebSockets;
using AgentChat.Common.Faults;
using AgentChat.Common.Tokens;

namespace AgentChat.Backend.Sockets;

/// <summary>
/// <c>/ws</c>: accepts the upgrade, then authenticates and refuses with a close code the client
/// can read (a refused handshake looks like 1006 to a browser). Order: token (1008), capacity
/// (1013), then READY and the receive loop. Until it is authenticated a socket holds no
/// capacity slot and lives at most <see cref="BackendOptions.AuthDeadline"/>, close handshake
/// included, so sockets that never answer a close cannot crowd out real users.
/// </summary>
public sealed class SocketEndpoint(
    TokenService tokens,
    ConnectionRegistry registry,
    ClientMessageHandler handler,
    SafeSleep sleep,
    BackendOptions options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SocketEndpoint> log)
{
    /// <summary>RFC 6455 "Try Again Later"; <see cref="WebSocketCloseStatus"/> has no name for it.</summary>
    public const WebSocketCloseStatus TryAgainLater = (WebSocketCloseStatus)1013;

    private static readonly TimeSpan CloseHandshakeLimit = TimeSpan.FromSeconds(5);

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem(detail: "/ws expects a WebSocket upgrade request", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        var connectionId = "c-" + Guid.NewGuid().ToString("N")[..16];
        using var scope = log.BeginScope(new Dictionary<string, object?> { ["ConnectionId"] = connectionId });
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var token = SocketToken.From(context.Request.Headers.Authorization, requested);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = SocketToken.Selected(requested) });
        try
        {
            await RunAsync(socket, connectionId, token);
        }
        catch (Exception error) when (error is not (WebSocketException or OperationCanceledException))
        {
            // A bug in this handler ends this connection only: the client reads 1011, the log
            // carries the exception itself (its type, message and frames).
            log.LogError(error, "{Error}", error.Message);
            await CloseNowAsync(socket, WebSocketCloseStatus.InternalServerError, "Internal error");
        }
    }

    private async Task RunAsync(WebSocket socket, string connectionId, string? token)
    {
        using var authenticated = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        var deadline = sleep.SleepAsync(options.AuthDeadline, authenticated.Token);
        var state = new ConnectionStateMachine(options.Faults.IsOn(FaultSwitch.RejectPendingAuth));
        state.Accept();
        var refused = await AuthenticateAsync(state, token);
        if (refused is not null)
        {
            log.LogWarning("WebSocket authentication failed ({Reason}): closing 1008", refused);
            await CloseBeforeAsync(socket, WebSocketCloseStatus.PolicyViolation, refused, deadline);
            return;
        }

        await authenticated.CancelAsync();
        if (!registry.TryReserve())
        {
            log.LogWarning("connection cap of {Max} reached: closing 1013", options.MaxConnections);
            await CloseNowAsync(socket, TryAgainLater, "server at capacity, try again later");
            return;
        }

        try
        {
            await ServeAsync(socket, connectionId, state);
        }
        finally
        {
            registry.Release();
        }
    }

    /// <summary>Null when the token proves a valid user id; otherwise the close reason.</summary>
    private async Task<string?> AuthenticateAsync(ConnectionStateMachine state, string? token)
    {
        if (token is null)
        {
            return "No JWT in WebSocket headers or subprotocols";
        }

        var check = await tokens.ValidateAsync(token);
        return check.Valid ? state.Authenticate(check.UserId!) : $"token refused: {check.Reason}";
    }

    private async Task ServeAsync(WebSocket socket, string connectionId, ConnectionStateMachine state)
    {
        state.MarkReady();
        var connection = new ClientConnection(connectionId, state.UserId, socket, log);
        registry.Add(connection);
        log.LogInformation("connection ready for user {UserId} ({Open} open)", state.UserId, registry.Count);
        try
        {
            var sender = connection.RunSenderAsync(lifetime.ApplicationStopping);
            connection.Send(ServerMessages.Ready(connectionId, state.UserId));
            await ReceiveLoopAsync(socket, connection);
            connection.Complete();
            await sender;
        }
        finally
        {
            registry.Remove(connection);
            log.LogInformation("connection closed ({Status})", socket.CloseStatus?.ToString() ?? socket.State.ToString());
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, ClientConnection connection)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var message = new ArrayBufferWriter<byte>(1024);
        var tooLarge = false;
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        ITimer? handshake = null;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.Close(WebSocketCloseStatus.NormalClosure, "closing");
                    break;
                }

                if (!tooLarge && message.WrittenCount + result.Count > BackendOptions.MaxFrameBytes)
                {
                    tooLarge = true;
                    message.Clear();
                }

                if (!tooLarge)
                {
                    message.Write(buffer.AsSpan(0, result.Count));
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (tooLarge)
                {
                    connection.Send(ServerMessages.Error("frame_too_large", $"messages are limited to {BackendOptions.MaxFrameBytes} bytes"));
                }
                else if (result.MessageType == WebSocketMessageType.Binary)
                {
                    connection.Send(ServerMessages.Error("bad_json", "binary frames are not supported; send JSON text frames"));
                }
                else
                {
                    await handler.HandleAsync(connection, message.WrittenMemory.ToArray(), closing.Token);
                }

                tooLarge = false;
                message.Clear();
                if (socket.State == WebSocketState.Open && connection.IsClosing)
                {
                    // The server sent a close: wait a bounded time for the client's answer.
                    handshake ??= time.CreateTimer(_ => closing.Cancel(), null, CloseHandshakeLimit, Timeout.InfiniteTimeSpan);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            log.LogInformation("receive loop ended: {Reason}", error.Message);
        }
        finally
        {
            handshake?.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseNowAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        using var deadline = new CancellationTokenSource(CloseHandshakeLimit, time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, deadline.Token);
        try
        {
            await socket.CloseAsync(status, reason, limit.Token);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            log.LogInformation("close handshake not completed: {Reason}", error.Message);
        }
    }

    /// <summary>Closes an unauthenticated socket; a client that has not answered by the deadline is cut off.</summary>
    private async Task CloseBeforeAsync(WebSocket socket, WebSocketCloseStatus status, string reason, Task deadline)
    {
        var closing = socket.CloseAsync(status, reason, lifetime.ApplicationStopping);
        if (await Task.WhenAny(closing, deadline) != closing)
        {
            log.LogWarning("no close answer within the authentication deadline of {DeadlineMs} ms: aborting", options.AuthDeadline.TotalMilliseconds);
            socket.Abort();
        }

        try
        {
            await closing;
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            log.LogInformation("close handshake not completed: {Reason}", error.Message);
        }
    }
}
