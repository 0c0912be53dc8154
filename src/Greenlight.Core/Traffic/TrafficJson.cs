using System.Globalization;
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
        ArgumentNullException.ThrowIfNull(r);
        var o = new JsonObject
        {
            ["started"] = r.Started.ToString("O", CultureInfo.InvariantCulture),
            ["latency_ms"] = Math.Round(r.Latency.TotalMilliseconds, 3),
            ["service"] = r.Service,
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["status"] = r.Status,
        };
        if (r.Test is not null) o["test"] = r.Test;
        if (r.Error is not null) o["error"] = r.Error;
        if (r.ErrorText is not null) o["error_text"] = r.ErrorText;
        if (r.IsWebSocket)
        {
            o["websocket"] = true;
            o["messages_to_server"] = r.MessagesToServer;
            o["messages_to_client"] = r.MessagesToClient;
            o["session_ms"] = Math.Round(r.SessionDuration.TotalMilliseconds, 3);
            if (r.CloseCode is not null) o["close_code"] = r.CloseCode;
            if (r.CloseReason is not null) o["close_reason"] = r.CloseReason;
            if (r.ClosedBy is not null) o["closed_by"] = r.ClosedBy;
        }

        return o.ToJsonString();
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
