using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greenlight.Model;

namespace Greenlight.Traffic;

/// <summary>
/// The <c>traffic.jsonl</c> line format: snake_case keys, times as ISO 8601, durations in
/// milliseconds, so people and other tools read it without knowing .NET's TimeSpan format.
/// </summary>
public static class TrafficJson
{
    public static string Serialize(TrafficRecord r)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, r);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one record as a JSON object (one traffic.jsonl line without its newline).</summary>
    public static void Write(Utf8JsonWriter w, TrafficRecord r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("started", r.Started);
        w.WriteNumber("latency_ms", Math.Round(r.Latency.TotalMilliseconds, 3));
        w.WriteString("service", r.Service);
        w.WriteString("method", r.Method);
        w.WriteString("path", r.Path);
        w.WriteNumber("status", r.Status);
        if (r.Test is not null) w.WriteString("test", r.Test);
        if (r.Error is not null) w.WriteString("error", r.Error);
        if (r.ErrorText is not null) w.WriteString("error_text", r.ErrorText);
        if (r.IsWebSocket)
        {
            w.WriteBoolean("websocket", true);
            w.WriteNumber("messages_to_server", r.MessagesToServer);
            w.WriteNumber("messages_to_client", r.MessagesToClient);
            w.WriteNumber("session_ms", Math.Round(r.SessionDuration.TotalMilliseconds, 3));
            if (r.CloseCode is not null) w.WriteNumber("close_code", r.CloseCode.Value);
            if (r.CloseReason is not null) w.WriteString("close_reason", r.CloseReason);
            if (r.ClosedBy is not null) w.WriteString("closed_by", r.ClosedBy);
        }

        w.WriteEndObject();
    }

    /// <summary>Reads a traffic.jsonl file; malformed lines are returned as problems, not thrown.</summary>
    public static (IReadOnlyList<TrafficRecord> Records, IReadOnlyList<string> Problems) ReadFile(string path)
    {
        var records = new List<TrafficRecord>();
        var problems = new List<string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                records.Add(Parse(line));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
            {
                problems.Add($"{path}:{lineNumber}: not a traffic record ({e.GetType().Name})");
            }
        }

        return (records, problems);
    }

    public static TrafficRecord Parse(string line)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        return new TrafficRecord
        {
            Started = DateTimeOffset.Parse(o["started"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            Latency = TimeSpan.FromMilliseconds(o["latency_ms"]!.GetValue<double>()),
            Service = o["service"]!.GetValue<string>(),
            Method = o["method"]!.GetValue<string>(),
            Path = o["path"]!.GetValue<string>(),
            Status = o["status"]!.GetValue<int>(),
            Test = o["test"]?.GetValue<string>(),
            Error = o["error"]?.GetValue<string>(),
            ErrorText = o["error_text"]?.GetValue<string>(),
            IsWebSocket = o["websocket"]?.GetValue<bool>() ?? false,
            MessagesToServer = o["messages_to_server"]?.GetValue<int>() ?? 0,
            MessagesToClient = o["messages_to_client"]?.GetValue<int>() ?? 0,
            SessionDuration = TimeSpan.FromMilliseconds(o["session_ms"]?.GetValue<double>() ?? 0),
            CloseCode = o["close_code"]?.GetValue<int>(),
            CloseReason = o["close_reason"]?.GetValue<string>(),
            ClosedBy = o["closed_by"]?.GetValue<string>(),
        };
    }
}
