using System.Text.RegularExpressions;

namespace Greenlight.Analysis.Logs;

/// <summary>
/// What makes two log entries "the same line again": their text with every timestamp removed.
/// A service that logs one line thousands of times would otherwise fill the entry cap and push
/// the one distinct error out of the failure window.
/// </summary>
internal static partial class LogRepeats
{
    public static string Key(LogEntry entry) =>
        $"{entry.Severity}\n{JsonTime().Replace(IsoTime().Replace(entry.Text, ""), "")}";

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex IsoTime();

    // pino, zap and others write the time as epoch seconds or milliseconds.
    [GeneratedRegex(@"""(?:time|ts|t|@t|timestamp)""\s*:\s*\d+(?:\.\d+)?")]
    private static partial Regex JsonTime();
}
