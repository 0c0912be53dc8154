namespace Greenlight.Analysis.Logs;

/// <summary>
/// Reads entries forward until past the window, keeping at most the cap; once full, it keeps
/// only warnings and errors (up to twice the cap), since those explain failures. Consecutive
/// entries identical but for their timestamps are folded into one with a count first.
/// </summary>
internal static class WindowReader
{
    private const int UntimedGiveUp = 1000;

    public static async Task<(LogReadResult Result, bool SawTimestamps)> ReadAsync(
        string service, ILineReader reader, LogWindow? window, int maxEntries, CancellationToken cancellationToken, bool keepUntimed = false)
    {
        var builder = new LogEntryBuilder(service);
        var kept = new List<LogEntry>();
        var truncated = false;
        var sawTimestamps = false;
        string? lastKey = null;
        var lastIndex = -1; // where the previous entry went in kept; -1 when the cap dropped it

        bool Keep(LogEntry? entry)
        {
            if (entry is null)
            {
                return true;
            }

            if (window is not null && entry.Time is { } t && t > window.To)
            {
                return false; // past the window: stop reading
            }

            if (window is not null && (entry.Time is null ? !keepUntimed : !window.Contains(entry.Time.Value)))
            {
                lastKey = null;
                return true;
            }

            // Folded before the cap, so a flood is one entry and cannot crowd out the line that explains a failure.
            var key = LogRepeats.Key(entry);
            if (key == lastKey)
            {
                if (lastIndex >= 0)
                {
                    kept[lastIndex] = kept[lastIndex] with { Repeats = kept[lastIndex].Repeats + 1 };
                }

                return true;
            }

            lastKey = key;
            lastIndex = -1;
            if (window is null || kept.Count < maxEntries || (entry.Severity >= LogSeverity.Warning && kept.Count < 2 * maxEntries))
            {
                kept.Add(entry); // tail mode (no window) keeps all: the caller read only the end of the file
                lastIndex = kept.Count - 1;
            }
            else
            {
                truncated = true;
            }

            return true;
        }

        var linesRead = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            // A file without timestamps has no window to find: give up early rather than read it all.
            if (++linesRead > UntimedGiveUp && !sawTimestamps && window is not null && !keepUntimed)
            {
                return (new LogReadResult([], [], false), false);
            }

            var parsed = LogLineParser.Parse(line.Line);
            sawTimestamps |= parsed.Time is not null;
            if (!Keep(builder.Add(line.Line, parsed, line.Offset)))
            {
                return (new LogReadResult(kept, [], truncated), true);
            }
        }

        Keep(builder.Flush());
        if (window is null && kept.Count > maxEntries)
        {
            kept = kept[^maxEntries..];
        }

        return (new LogReadResult(kept, [], truncated), sawTimestamps);
    }
}
