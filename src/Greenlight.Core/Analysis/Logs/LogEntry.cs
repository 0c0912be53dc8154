namespace Greenlight.Analysis.Logs;

public enum LogSeverity
{
    Unknown,
    Debug,
    Info,
    Warning,
    Error,
    Fatal,
}

/// <summary>
/// One log entry: a line with a timestamp plus the untimed lines that follow it (a traceback,
/// a .NET exception, a multi-line message). Files without timestamps give one entry per line.
/// </summary>
/// <param name="Message">The entry's own message (JSON message field, or the line after its timestamp).</param>
/// <param name="Exception">The exception line that names the fault ("ValueError: …"), when the entry has one.</param>
/// <param name="Text">The raw entry, capped in length.</param>
/// <param name="Offset">Byte offset in the file, or the line number for a command's output.</param>
public sealed record LogEntry(
    string Service,
    DateTimeOffset? Time,
    LogSeverity Severity,
    string Message,
    string? Exception,
    string Text,
    long Offset)
{
    /// <summary>The line to show first: the exception when there is one, else the message.</summary>
    public string Headline => Exception ?? Message;

    /// <summary>How many consecutive entries, identical but for their timestamps, this one stands for (a log flood is one entry).</summary>
    public int Repeats { get; init; } = 1;
}

/// <summary>A time window of logs to read, inclusive.</summary>
public sealed record LogWindow(DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset time) => time >= From && time <= To;
}

/// <param name="Truncated">More entries were in the window than the cap allowed; warnings and errors were kept first.</param>
public sealed record LogReadResult(IReadOnlyList<LogEntry> Entries, IReadOnlyList<string> Problems, bool Truncated)
{
    public static LogReadResult Problem(string problem) => new([], [problem], false);
}

/// <summary>Where a service's logs come from (captured stdout, a file, a user command).</summary>
public interface ILogSource
{
    string Service { get; }

    /// <summary>For people: "file logs/backend.log", "command kubectl logs …".</summary>
    string Description { get; }

    /// <summary>Entries in the window, at most about <paramref name="maxEntries"/>. Never throws for unreadable logs: returns problems.</summary>
    Task<LogReadResult> ReadAsync(LogWindow window, int maxEntries, CancellationToken cancellationToken);
}
