using System.Net.WebSockets;
using System.Threading.Channels;

namespace AgentChat.Backend.Sockets;

/// <summary>
/// One accepted socket. Every outgoing frame (run events, pongs, errors, the close) goes
/// through one queue drained by one sender, so concurrent producers never interleave frames.
/// A client that stops reading is disconnected instead of growing the queue without end.
/// </summary>
public sealed class ClientConnection(string id, string userId, WebSocket socket, ILogger log)
{
    public const int QueueCapacity = 4096;

    private readonly Channel<Outgoing> _queue = Channel.CreateBounded<Outgoing>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly record struct Outgoing(ReadOnlyMemory<byte> Text, WebSocketCloseStatus? Close, string? Reason);

    public string Id => id;

    public string UserId => userId;

    /// <summary>True once a server close has been queued.</summary>
    public bool IsClosing { get; private set; }

    public bool Send(ReadOnlyMemory<byte> utf8Json)
    {
        if (_queue.Writer.TryWrite(new Outgoing(utf8Json, null, null)))
        {
            return true;
        }

        log.LogWarning("send queue full ({Capacity} frames): closing slow connection", QueueCapacity);
        socket.Abort();
        return false;
    }

    /// <summary>Queues a close after everything already queued; later sends are dropped.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        IsClosing = true;
        _queue.Writer.TryWrite(new Outgoing(default, status, reason));
        _queue.Writer.TryComplete();
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Writes queued frames until the queue completes or a close is sent.</summary>
    public async Task RunSenderAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (item.Close is { } status)
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(status, item.Reason, cancellationToken);
                    }

                    return;
                }

                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.SendAsync(item.Text, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            log.LogDebug("sender stopped: {Reason}", error.Message);
        }
    }
}
