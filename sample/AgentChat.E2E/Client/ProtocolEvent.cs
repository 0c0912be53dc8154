using System.Text.Json;

namespace AgentChat.E2E.Client;

/// <summary>One JSON frame received from /ws, with the envelope fields of sample/PROTOCOL.md at hand.</summary>
public sealed record ProtocolEvent(JsonElement Raw, string Text)
{
    public static readonly IReadOnlySet<string> TerminalTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "agent_completed",
        "agent_error",
    };

    public string Type => Str("type") ?? "";

    public long? Seq => Raw.TryGetProperty("seq", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public long? Ts => Raw.TryGetProperty("ts", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    public string? RunId => Str("runId");

    public string? ThreadId => Str("threadId");

    public string? AgentId => Str("agentId");

    public bool IsTerminal => TerminalTypes.Contains(Type);

    public string? Str(string name) =>
        Raw.ValueKind == JsonValueKind.Object && Raw.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public override string ToString() => Text.Length > 300 ? Text[..300] + "…" : Text;
}

/// <summary>How the socket was closed, as the client saw it.</summary>
public sealed record CloseInfo(int? Code, string? Reason, string? Error)
{
    public override string ToString() =>
        Error is not null ? $"aborted ({Error})" : $"closed {Code?.ToString() ?? "without code"} ({Reason})";
}

/// <summary>All events of one run, in arrival order, ending with its terminal event.</summary>
public sealed record RunTranscript(string RunId, string ThreadId, IReadOnlyList<ProtocolEvent> Events)
{
    public ProtocolEvent Terminal => Events[^1];

    public IEnumerable<ProtocolEvent> OfType(string type) => Events.Where(e => e.Type == type);

    public string Deltas => string.Concat(OfType("agent_partial").Select(e => e.Str("delta")));

    public IReadOnlyList<string> Types => [.. Events.Select(e => e.Type)];
}
