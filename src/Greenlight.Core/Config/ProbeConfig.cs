namespace Greenlight.Config;

public enum ProbeKind
{
    Http,
    WebSocket,
}

/// <summary>One health check of a service. <see cref="Target"/> is a path on the service or an absolute URL.</summary>
public sealed record ProbeConfig
{
    public required ProbeKind Kind { get; init; }
    public required string Target { get; init; }
    public int ExpectStatus { get; init; } = 200;
    /// <summary>Top-level JSON fields that must equal these values (compared as strings).</summary>
    public IReadOnlyDictionary<string, string> ExpectJson { get; init; } = new Dictionary<string, string>();
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    public IReadOnlyList<string> Subprotocols { get; init; } = [];
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>How a WebSocket probe obtains a token; null for no auth.</summary>
    public TokenRequestConfig? Token { get; init; }
    /// <summary>Where the token goes: "header" (Authorization: Bearer) or "subprotocol".</summary>
    public string TokenPlacement { get; init; } = "header";
    /// <summary>With TokenPlacement "subprotocol": the token travels as this prefix + token; the config must give it.</summary>
    public string TokenSubprotocolPrefix { get; init; } = "";
    /// <summary>For WebSocket: the "type" of the first message that proves readiness, e.g. connection_ready.</summary>
    public string? ExpectFirstMessageType { get; init; }
}

/// <summary>A POST to another service that returns a JSON body holding a token.</summary>
public sealed record TokenRequestConfig
{
    /// <summary>The service that issues tokens (its URL is resolved at run time).</summary>
    public required string Service { get; init; }
    public required string Path { get; init; }
    /// <summary>JSON body; values may use <c>${env:NAME}</c>.</summary>
    public string Body { get; init; } = "{}";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Name of the top-level JSON field that holds the token.</summary>
    public string Field { get; init; } = "accessToken";
}
