using System.Buffers;
using System.Net.WebSockets;
using AgentChat.Common.Faults;
using AgentChat.Common.Tokens;

namespace AgentChat.Backend.Sockets;

/// <summary>
/// <c>/ws</c>: accepts the upgrade, then authenticates and refuses with a close code the client
/// can read (a refused handshake looks like 1006 to a browser). Order: capacity (1013),
/// connection faults (1011), token (1008), then READY and the receive loop.
/// </summary>
public sealed class SocketEndpoint(
    TokenService tokens,
    ConnectionRegistry registry,
    ClientMessageHandler handler,
    BackendOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<SocketEndpoint> log)
{
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

        if (!registry.TryReserve())
        {
            log.LogWarning("connection cap of {Max} reached: closing 1013", options.MaxConnections);
            await CloseNowAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "server at capacity, try again later");
            return;
        }

        try
        {
            await RunAsync(socket, connectionId, token);
        }
        finally
        {
            registry.Release();
        }
    }

    private async Task RunAsync(WebSocket socket, string connectionId, string? token)
    {
        if (options.Faults.IsOn(FaultSwitch.WsRecursion) && FailsWithRecursion())
        {
            await CloseNowAsync(socket, WebSocketCloseStatus.InternalServerError, "Internal error");
            return;
        }

        var state = new ConnectionStateMachine(options.Faults.IsOn(FaultSwitch.RejectPendingAuth));
        if (state.CheckBeforeToken() is { } bug)
        {
            log.LogError("{Error}", bug);
            await CloseNowAsync(socket, WebSocketCloseStatus.InternalServerError, "Internal error");
            return;
        }

        if (token is null)
        {
            log.LogWarning("No JWT in WebSocket headers or subprotocols: closing 1008");
            await CloseNowAsync(socket, WebSocketCloseStatus.PolicyViolation, "No JWT in WebSocket headers or subprotocols");
            return;
        }

        var check = await tokens.ValidateAsync(token);
        var refused = check.Valid ? state.Authenticate(check.UserId!) : $"token refused: {check.Reason}";
        if (refused is not null)
        {
            log.LogWarning("WebSocket authentication failed ({Reason}): closing 1008", refused);
            await CloseNowAsync(socket, WebSocketCloseStatus.PolicyViolation, refused);
            return;
        }

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

    private bool FailsWithRecursion()
    {
        try
        {
            RecursionFault.SafeSleep(0);
            return false;
        }
        catch (InsufficientExecutionStackException)
        {
            log.LogError("{Error}", RecursionFault.LogMessage);
            return true;
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, ClientConnection connection)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8 * 1024);
        var message = new ArrayBufferWriter<byte>(1024);
        var tooLarge = false;
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
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
                    closing.CancelAfter(CloseHandshakeLimit);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            log.LogInformation("receive loop ended: {Reason}", error.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseNowAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        limit.CancelAfter(CloseHandshakeLimit);
        try
        {
            await socket.CloseAsync(status, reason, limit.Token);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            log.LogInformation("close handshake not completed: {Reason}", error.Message);
        }
    }
}
