using System.Net.WebSockets;
using Greenlight.Model;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Proxy;

/// <summary>
/// Relays one WebSocket session frame by frame, because YARP does not expose close codes.
/// The client's upgrade is accepted only once the upstream accepted ours, so a refused upgrade
/// (503, 401) reaches the test with the upstream's own status.
/// </summary>
internal sealed class WebSocketRelay(string service, Uri upstream, TrafficRecorder recorder, RecordingProxyOptions options)
{
    // Hop-by-hop and handshake headers that ClientWebSocket sets itself.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Upgrade", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Content-Length", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
        "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol", "Sec-WebSocket-Accept",
    };

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    public async Task RelayAsync(HttpContext context)
    {
        var time = options.TimeProvider;
        var started = time.GetUtcNow();
        var timestamp = time.GetTimestamp();
        var record = new TrafficRecord
        {
            Started = started,
            Latency = TimeSpan.Zero,
            Service = service,
            Method = context.Request.Method,
            Path = RecordedPath.Raw(context.Request),
            Status = 0,
            Test = RecordedPath.TestName(context.Request),
            IsWebSocket = true,
        };

        using var upstreamSocket = CreateUpstreamSocket(context);
        var refused = await ConnectAsync(upstreamSocket, context);
        if (refused is not null)
        {
            context.Response.StatusCode = refused.Value.Status;
            await recorder.RecordAsync(record with { Status = refused.Value.Status, Latency = time.GetElapsedTime(timestamp), Error = refused.Value.Detail });
            return;
        }

        using var clientSocket = await context.WebSockets.AcceptWebSocketAsync(
            new WebSocketAcceptContext { SubProtocol = upstreamSocket.SubProtocol });
        var latency = time.GetElapsedTime(timestamp);
        var session = new RelaySession();
        await RelayFramesAsync(clientSocket, upstreamSocket, session, context.RequestAborted);
        if (session.ClosedBy is null && session.Error is null)
        {
            session.OnDropped(context.RequestAborted.IsCancellationRequested
                ? "client side ended without a close frame: the client disconnected"
                : "the session ended without a close frame");
        }

        await recorder.RecordAsync(record with
        {
            Status = StatusCodes.Status101SwitchingProtocols,
            Latency = latency,
            SessionDuration = time.GetElapsedTime(timestamp) - latency,
            MessagesToServer = session.MessagesToServer,
            MessagesToClient = session.MessagesToClient,
            CloseCode = session.CloseCode,
            CloseReason = session.CloseReason,
            ClosedBy = session.ClosedBy,
            Error = session.Error,
        });
    }

    private static ClientWebSocket CreateUpstreamSocket(HttpContext context)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var protocol in context.WebSockets.WebSocketRequestedProtocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!NotForwarded.Contains(name) && !name.StartsWith(':'))
            {
                socket.Options.SetRequestHeader(name, values.ToString());
            }
        }

        return socket;
    }

    private async Task<(int Status, string Detail)?> ConnectAsync(ClientWebSocket socket, HttpContext context)
    {
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.RequestAborted);
        try
        {
            await socket.ConnectAsync(UpstreamUri(context.Request), options.HttpClient ?? UpstreamClient.Shared, linked.Token);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (StatusCodes.Status504GatewayTimeout, $"upstream did not accept the upgrade within {options.ConnectTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            var status = (int)socket.HttpStatusCode;
            return status > 0
                ? (status, $"upstream refused the upgrade with HTTP {status}")
                : (StatusCodes.Status502BadGateway, e.GetBaseException().Message);
        }
    }

    private Uri UpstreamUri(HttpRequest request)
    {
        var scheme = upstream.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var basePath = upstream.AbsolutePath.TrimEnd('/');
        return new Uri($"{scheme}://{upstream.Authority}{basePath}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}");
    }

    private async Task RelayFramesAsync(WebSocket client, WebSocket server, RelaySession session, CancellationToken aborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var toServer = PumpAsync(client, server, RelaySession.Client, session, stop.Token);
        var toClient = PumpAsync(server, client, RelaySession.Server, session, stop.Token);
        var first = await Task.WhenAny(toServer, toClient);
        var second = first == toServer ? toClient : toServer;

        // After a clean close the other side normally answers with its own close frame; if it
        // does not (or a pump failed), do not hold the session open forever.
        if (!first.Result || await Task.WhenAny(second, Task.Delay(CloseGrace, options.TimeProvider, CancellationToken.None)) != second)
        {
            await stop.CancelAsync();
            client.Abort();
            server.Abort();
        }

        await second;
    }

    /// <summary>Copies frames from one side to the other; false when the session broke without a close frame.</summary>
    private static async Task<bool> PumpAsync(WebSocket source, WebSocket destination, string sourceSide, RelaySession session, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var result = await source.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    session.OnClose(sourceSide, source.CloseStatus, source.CloseStatusDescription);
                    if (destination.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        var status = source.CloseStatus ?? WebSocketCloseStatus.Empty;
                        var reason = status == WebSocketCloseStatus.Empty ? null : source.CloseStatusDescription;
                        await destination.CloseOutputAsync(status, reason, cancellationToken);
                    }

                    return true;
                }

                await destination.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken);
                if (result.EndOfMessage)
                {
                    session.OnMessage(sourceSide);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Cancelled because the other side broke or the client went away: not this side's fault.
            return false;
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            session.OnBroken(sourceSide, e.Message);
            return false;
        }
    }
}
