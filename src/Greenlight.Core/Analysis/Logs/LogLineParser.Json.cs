using System.Text.Json;

namespace Greenlight.Analysis.Logs;

public static partial class LogLineParser
{
    private static bool TryParseJson(string line, out ParsedLine parsed)
    {
        parsed = default;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var time = Field(root, TimeFields) is { } t ? JsonTime(t) : null;
            var severity = Field(root, LevelFields) is { } l ? JsonSeverity(l) : LogSeverity.Unknown;
            var message = Field(root, MessageFields) is { } m ? Text(m) : line;
            var exceptionText = Field(root, ExceptionFields) is { } x ? Text(x) : null;
            var exception = exceptionText is null ? null : ExceptionHead(exceptionText);
            if (exception is not null && severity == LogSeverity.Unknown)
            {
                severity = LogSeverity.Error;
            }

            parsed = new ParsedLine(time, severity, message, exception, false);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement? Field(JsonElement root, string[] names)
    {
        foreach (var property in root.EnumerateObject())
        {
            foreach (var name in names)
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    private static DateTimeOffset? JsonTime(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
        {
            // pino writes epoch milliseconds, structlog and others epoch seconds.
            return number > 1e11
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)number)
                : DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000));
        }

        return value.ValueKind == JsonValueKind.String && TryTime(value.GetString()!, out var t) ? t : null;
    }

    private static LogSeverity JsonSeverity(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n))
        {
            // pino/bunyan numeric levels.
            return n switch { >= 60 => LogSeverity.Fatal, >= 50 => LogSeverity.Error, >= 40 => LogSeverity.Warning, >= 30 => LogSeverity.Info, _ => LogSeverity.Debug };
        }

        return FromWord(value.ToString());
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object when Field(value, ["stack"]) is { } stack => Text(stack),
        JsonValueKind.Object when Field(value, ["message", "msg"]) is { } message => Text(message),
        _ => value.GetRawText(),
    };

    /// <summary>The line of a logged exception that names it: a traceback's last line, a .NET or JS stack's first.</summary>
    internal static string? ExceptionHead(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var named = lines.Where(l => ExceptionLine().IsMatch(l)).ToList();
        if (named.Count == 0)
        {
            return lines.FirstOrDefault();
        }

        // Python prints the cause last; .NET and JS print it first.
        return lines[0].StartsWith("Traceback", StringComparison.Ordinal) ? named[^1] : named[0];
    }
}
