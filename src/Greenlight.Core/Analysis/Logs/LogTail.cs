namespace Greenlight.Analysis.Logs;

/// <summary>The last lines a process wrote (a crash's tail), grouped into whole entries, and the one that explains the crash.</summary>
public static class LogTail
{
    /// <summary>The latest entry with the highest severity that names an exception, else null: a stack's frames never are the answer.</summary>
    public static LogEntry? Exception(string service, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var builder = new LogEntryBuilder(service);
        var entries = new List<LogEntry>();
        var offset = 0L;
        foreach (var line in lines)
        {
            if (builder.Add(line, LogLineParser.Parse(line), offset++) is { } entry)
            {
                entries.Add(entry);
            }
        }

        if (builder.Flush() is { } last)
        {
            entries.Add(last);
        }

        return entries.Where(e => e.Exception is not null)
            .OrderByDescending(e => e.Severity)
            .ThenByDescending(e => e.Offset)
            .FirstOrDefault();
    }
}
