using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AgentChat.Common.Logging;

/// <summary>
/// Writes one flat JSON object a line: <c>time</c>, <c>level</c>, <c>category</c>, <c>message</c>,
/// then the structured fields of the message and of its scopes (<c>requestId</c>,
/// <c>connectionId</c>, ...), so a log reader can find a request or a socket by id.
/// </summary>
public sealed class JsonLineFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "agentchat-json";

    // Relaxed escaping keeps "->" and "+" readable; every line is still valid JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Trace ids add noise to every line and nothing the sample needs.
    private static readonly HashSet<string> SkippedFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "{OriginalFormat}", "SpanId", "TraceId", "ParentId",
    };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        scopeProvider?.ForEachScope((scope, all) => Collect(scope, all), fields);
        Collect(logEntry.State, fields);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            foreach (var (key, value) in fields)
            {
                if (key is "time" or "level" or "category" or "message")
                {
                    continue;
                }

                WriteValue(json, key, value);
            }

            if (logEntry.Exception is { } error)
            {
                // The exception as the runtime describes it (type, message, frames), with runaway
                // recursion folded so one failure stays one readable line.
                json.WriteString("exception", ExceptionText.Describe(error));
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void Collect(object? state, Dictionary<string, object?> fields)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return;
        }

        foreach (var (key, value) in pairs)
        {
            if (!SkippedFields.Contains(key) && key.Length > 0)
            {
                fields[char.ToLowerInvariant(key[0]) + key[1..]] = value;
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int or long or short or byte: json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double or float or decimal: json.WriteNumber(key, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
