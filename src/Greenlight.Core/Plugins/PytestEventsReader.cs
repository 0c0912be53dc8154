using System.Text.Json;
using Greenlight.Model;

namespace Greenlight.Plugins;

/// <summary>
/// Reads the JSONL the pytest plugin writes. A missing session line (pytest killed) or a
/// malformed line becomes a problem in the result, never an exception.
/// </summary>
public static class PytestEventsReader
{
    public static async Task<PytestEvents> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new PytestEvents { Problems = [$"{path}: the pytest plugin wrote no events (was it loaded with -p {PytestPlugin.ModuleName}?)"] };
        }

        var tests = new List<PytestTestEvent>();
        var collectErrors = new List<PytestCollectError>();
        var problems = new List<string>();
        int? collected = null, exitStatus = null;
        var sawSession = false;
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                switch (Str(root, "type"))
                {
                    case "test":
                        tests.Add(ReadTest(root));
                        break;
                    case "collect_error":
                        collectErrors.Add(new PytestCollectError(Str(root, "nodeid") ?? "", Str(root, "message") ?? ""));
                        break;
                    case "session":
                        sawSession = true;
                        collected = Int(root, "collected");
                        exitStatus = Int(root, "exitstatus");
                        break;
                    default:
                        problems.Add($"{path}:{lineNumber}: unknown event type");
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                problems.Add($"{path}:{lineNumber}: malformed event ({e.GetType().Name})");
            }
        }

        if (!sawSession)
        {
            problems.Add($"{path}: no session line: pytest did not finish normally");
        }

        return new PytestEvents { Tests = tests, CollectErrors = collectErrors, Collected = collected, ExitStatus = exitStatus, Problems = problems };
    }

    private static PytestTestEvent ReadTest(JsonElement e) => new()
    {
        NodeId = Str(e, "nodeid") ?? throw new FormatException("test event without nodeid"),
        Started = Epoch(e, "start"),
        Ended = Epoch(e, "end"),
        Duration = TimeSpan.FromSeconds(Double(e, "duration") ?? 0),
        SetupDuration = Double(e, "setup_duration") is { } setup ? TimeSpan.FromSeconds(setup) : null,
        CallDuration = Double(e, "call_duration") is { } d ? TimeSpan.FromSeconds(d) : null,
        Outcome = Str(e, "outcome") switch
        {
            "passed" => TestOutcome.Passed,
            "failed" => TestOutcome.Failed,
            "skipped" => TestOutcome.Skipped,
            _ => TestOutcome.Error,
        },
        SkipReason = Str(e, "skip_reason"),
        Xfail = Bool(e, "xfail"),
        Xpass = Bool(e, "xpass"),
        Warnings = e.TryGetProperty("warnings", out var ws) && ws.ValueKind == JsonValueKind.Array
            ? [.. ws.EnumerateArray().Select(w => new PytestWarning(Str(w, "category") ?? "Warning", Str(w, "message") ?? "", Str(w, "filename"), Int(w, "lineno")))]
            : [],
        Output = e.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Array
            ? [.. output.EnumerateArray().Select(l => l.GetString() ?? "")]
            : [],
        OutputTruncated = Bool(e, "output_truncated"),
    };

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static bool Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static DateTimeOffset? Epoch(JsonElement e, string name) =>
        Double(e, name) is { } seconds ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)) : null;
}
