using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Analysis.Logs;

/// <summary>What one physical line says: its time, severity, message and exception, if any.</summary>
/// <param name="Continues">The line belongs to the entry before it, whatever its time: indented after its timestamp (an ASP.NET
/// console message line, a stack frame, a traceback's <c>File "…"</c>), or <c>Caused by:</c>, <c>... 5 more</c>, or a Python
/// traceback's joining sentence.</param>
public readonly record struct ParsedLine(DateTimeOffset? Time, LogSeverity Severity, string Message, string? Exception, bool IsFrame, bool Continues = false);

/// <summary>
/// Reads JSON log lines (Serilog compact, Microsoft JSON console, pino, structlog, Cloud Logging
/// text exports) by common field names, and plain lines by a leading ISO-8601 timestamp and
/// level words. Timestamps without an offset are taken as UTC.
/// </summary>
public static partial class LogLineParser
{
    private static readonly string[] TimeFields = ["time", "timestamp", "@t", "ts", "t", "date", "datetime", "asctime"];
    private static readonly string[] LevelFields = ["level", "severity", "@l", "loglevel", "lvl", "levelname", "log.level"];
    private static readonly string[] MessageFields = ["message", "msg", "@m", "@mt", "textPayload", "event", "body"];
    private static readonly string[] ExceptionFields = ["exception", "@x", "exc_info", "error", "err", "stack", "stack_trace", "stacktrace"];

    public static ParsedLine Parse(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('{') && TryParseJson(trimmed, out var json))
        {
            return json;
        }

        DateTimeOffset? time = null;
        var rest = line;
        if (LeadingTimestamp().Match(line) is { Success: true } m && TryTime(m.Groups["ts"].Value, out var t))
        {
            time = t;
            // One separator after the stamp; what is left over is the line's own indentation.
            rest = line[m.Length..] is [' ' or '\t', .. var afterSeparator] ? afterSeparator : line[m.Length..];
            rest = JournalPrefix().Replace(rest, "", 1);
            if (rest.Length > 0 && char.IsWhiteSpace(rest[0]) || ContinuationLine().IsMatch(rest))
            {
                var indented = Parse(rest);
                return indented with { Time = time, Continues = true };
            }

            rest = rest.TrimStart();
            // Greenlight stamps each captured stdout line; a JSON logger's line sits behind that stamp.
            if (rest.StartsWith('{') && TryParseJson(rest, out var stamped))
            {
                return stamped with { Time = stamped.Time ?? time };
            }
        }

        if (time is null)
        {
            rest = JournalPrefix().Replace(rest, "", 1);
        }

        var isFrame = Frame().IsMatch(rest);
        var exception = !isFrame && ExceptionLine().Match(rest.Trim()) is { Success: true } e ? e.Value : null;
        var severity = exception is not null && exception.StartsWith("Unhandled exception", StringComparison.OrdinalIgnoreCase)
            ? LogSeverity.Fatal
            : PlainSeverity(rest, exception);
        var continues = time is null && (rest.Length > 0 && char.IsWhiteSpace(rest[0]) || ContinuationLine().IsMatch(rest));
        return new ParsedLine(time, severity, rest.Trim(), exception, isFrame, continues);
    }

    private static LogSeverity PlainSeverity(string text, string? exception)
    {
        if (LevelWord().Match(text) is { Success: true } m)
        {
            return FromWord(m.Groups["w"].Value);
        }

        return exception is not null || text.StartsWith("Traceback", StringComparison.Ordinal) ? LogSeverity.Error : LogSeverity.Unknown;
    }

    internal static LogSeverity FromWord(string word) => word.ToUpperInvariant() switch
    {
        "FATAL" or "FTL" or "CRITICAL" or "CRIT" or "PANIC" or "EMERGENCY" or "ALERT" => LogSeverity.Fatal,
        "ERROR" or "ERR" or "FAIL" or "EXCEPTION" or "TRACEBACK" => LogSeverity.Error,
        "WARN" or "WARNING" or "WRN" => LogSeverity.Warning,
        "INFO" or "INF" or "INFORMATION" or "NOTICE" => LogSeverity.Info,
        "DEBUG" or "DBG" or "DBUG" or "TRACE" or "TRCE" or "VERBOSE" or "VRB" => LogSeverity.Debug,
        _ => LogSeverity.Unknown,
    };

    internal static bool TryTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text.Replace(',', '.'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out time);

    [GeneratedRegex(@"^\s*\[?(?<ts>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)\]?")]
    private static partial Regex LeadingTimestamp();

    // Upper-case level words anywhere near the start, Serilog/ASP.NET short forms at the start.
    [GeneratedRegex(@"^(?:\S+\s+){0,3}?\[?(?<w>FATAL|CRITICAL|ERROR|WARNING|WARN|INFO|DEBUG|TRACE|PANIC|Exception|Traceback)\b|^\[?(?<w>FTL|ERR|WRN|INF|DBG|VRB|fail|crit|warn|info|dbug|trce)\b[:\]]")]
    private static partial Regex LevelWord();

    [GeneratedRegex(@"^\s+at\s|^\s+File ""|^\s*\^+\s*$")]
    private static partial Regex Frame();

    // "ValueError: x", "System.InvalidOperationException: x", .NET's "Unhandled exception. Microsoft.Data.Sqlite.SqliteException (0x80004005): x".
    [GeneratedRegex(@"^(?:Unhandled exception\.\s+)?(?:[A-Za-z_][\w]*\.)*[A-Za-z_]*(?:Error|Exception|Exit|Interrupt)(?:\s\(0x[0-9A-Fa-f]+\))?(?::\s.*)?$")]
    private static partial Regex ExceptionLine();

    // Lines that continue the entry before them without being indented: Java's cause chain and elided frames,
    // Python's chained-traceback sentences.
    [GeneratedRegex(@"^(?:Caused by: |\.\.\. \d+ more|During handling of the above exception|The above exception was the direct cause)")]
    private static partial Regex ContinuationLine();

    // journalctl / syslog: "Dec 01 23:21:22 host unit[123]: " (short) or "host unit[123]: " behind an ISO stamp (short-iso).
    [GeneratedRegex(@"^(?:[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} )?(?!(?:FATAL|CRITICAL|ERROR|WARN|WARNING|INFO|DEBUG|TRACE)\b)[\w.-]+ [\w.@/-]+\[\d+\]: ")]
    private static partial Regex JournalPrefix();
}
