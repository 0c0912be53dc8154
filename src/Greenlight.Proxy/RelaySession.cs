using System.Net.WebSockets;

namespace Greenlight.Proxy;

/// <summary>What one relayed WebSocket session did; the first close frame decides who closed.</summary>
internal sealed class RelaySession
{
    public const string Client = "client";
    public const string Server = "server";

    private readonly Lock _gate = new();
    private int _toServer;
    private int _toClient;

    public int MessagesToServer => Volatile.Read(ref _toServer);

    public int MessagesToClient => Volatile.Read(ref _toClient);

    public int? CloseCode { get; private set; }

    public string? CloseReason { get; private set; }

    public string? ClosedBy { get; private set; }

    public string? Error { get; private set; }

    public void OnMessage(string fromSide)
    {
        if (fromSide == Client)
        {
            Interlocked.Increment(ref _toServer);
        }
        else
        {
            Interlocked.Increment(ref _toClient);
        }
    }

    public void OnClose(string fromSide, WebSocketCloseStatus? status, string? reason)
    {
        lock (_gate)
        {
            if (ClosedBy is not null)
            {
                return;
            }

            ClosedBy = fromSide;
            CloseCode = status is null ? null : (int)status;
            CloseReason = string.IsNullOrEmpty(reason) ? null : reason;
        }
    }

    public void OnBroken(string fromSide, string message) => OnDropped($"{fromSide} side ended without a close frame: {message}");

    public void OnDropped(string detail)
    {
        lock (_gate)
        {
            // The first failure explains the session; a cleanly closed session has none.
            if (ClosedBy is null && Error is null)
            {
                Error = detail;
            }
        }
    }
}
