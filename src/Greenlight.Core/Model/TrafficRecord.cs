namespace Greenlight.Model;

/// <summary>
/// One request (or WebSocket session) seen by the recording proxy in front of a service.
/// For a WebSocket, <see cref="Status"/> is the upgrade response (101 when accepted).
/// </summary>
public sealed record TrafficRecord
{
    public required DateTimeOffset Started { get; init; }
    public required TimeSpan Latency { get; init; }
    public required string Service { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required int Status { get; init; }
    /// <summary>Value of the X-Greenlight-Test header, when the client sent one.</summary>
    public string? Test { get; init; }
    public bool IsWebSocket { get; init; }
    public int MessagesToServer { get; init; }
    public int MessagesToClient { get; init; }
    public int? CloseCode { get; init; }
    /// <summary>"client", "server" or null when the socket was not closed by a close frame.</summary>
    public string? ClosedBy { get; init; }
    /// <summary>Close reason text (redacted) that went with <see cref="CloseCode"/>.</summary>
    public string? CloseReason { get; init; }
    /// <summary>For a WebSocket: time from the accepted upgrade to the end of the session.</summary>
    public TimeSpan SessionDuration { get; init; }
    /// <summary>Why the proxy could not complete the exchange (upstream refused, reset), for people.</summary>
    public string? Error { get; init; }
    /// <summary>
    /// For a response that was not 2xx: the error text of its body (a JSON body's
    /// <c>errors</c>/<c>message</c>/<c>title</c>/<c>detail</c>, else a text body's first line), bounded and redacted.
    /// </summary>
    public string? ErrorText { get; init; }

    /// <summary>When the exchange ended: latency for HTTP, the whole session for a WebSocket.</summary>
    public DateTimeOffset Ended => Started + Latency + SessionDuration;
}
