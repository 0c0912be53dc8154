using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Analysis.Logs;

/// <summary>What one physical line says: its time, severity, message and exception, if any.</summary>
public readonly record struct ParsedLine(DateTimeOffset? Time, LogSeverity Severity, string Message, string? Exception, bool IsFrame);

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
            rest = line[m.Length..].TrimStart();
            // Greenlight stamps each captured stdout line; a JSON logger's line sits behind that stamp.
            if (rest.StartsWith('{') && TryParseJson(rest, out var stamped))
            {
                return stamped with { Time = stamped.Time ?? time };
            }
        }

        var isFrame = Frame().IsMatch(line);
        var exception = !isFrame && ExceptionLine().Match(rest.Trim()) is { Success: true } e ? e.Value : null;
        return new ParsedLine(time, PlainSeverity(rest, exception), rest.Trim(), exception, isFrame);
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

    [GeneratedRegex(@"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]*(?:Error|Exception|Exit|Interrupt)(?::\s.*)?$")]
    private static partial Regex ExceptionLine();
}
