using Microsoft.Extensions.Primitives;

namespace AgentChat.Backend.Sockets;

/// <summary>Finds the JWT of an upgrade request: the Authorization header, or the subprotocol pair.</summary>
public static class SocketToken
{
    public const string Protocol = "agentchat.v1";
    public const string BearerProtocolPrefix = "agentchat.bearer.";

    public static string? From(StringValues authorization, IList<string> requestedProtocols)
    {
        var header = authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7)
        {
            return header[7..].Trim();
        }

        foreach (var protocol in requestedProtocols)
        {
            if (protocol.StartsWith(BearerProtocolPrefix, StringComparison.Ordinal) && protocol.Length > BearerProtocolPrefix.Length)
            {
                return protocol[BearerProtocolPrefix.Length..];
            }
        }

        return null;
    }

    /// <summary>The subprotocol to echo: only ever <c>agentchat.v1</c>, never the token.</summary>
    public static string? Selected(IList<string> requestedProtocols) =>
        requestedProtocols.Contains(Protocol) ? Protocol : null;
}
