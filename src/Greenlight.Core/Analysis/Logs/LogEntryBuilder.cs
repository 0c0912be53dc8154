using System.Text;

namespace Greenlight.Analysis.Logs;

/// <summary>
/// Joins physical lines into entries: a timed line starts an entry, untimed lines continue it
/// (tracebacks, stack frames). Without any timestamp, every line is its own entry.
/// </summary>
internal sealed class LogEntryBuilder(string service)
{
    private const int MaxTextLength = 4000;
    private const int MaxContinuationLines = 200;

    private readonly StringBuilder _text = new();
    private ParsedLine _head;
    private long _offset = -1;
    private int _continuations;
    private LogSeverity _severity;
    private string? _exception;
    private bool _traceback;

    public bool HasEntry => _offset >= 0;

    public DateTimeOffset? CurrentTime => HasEntry ? _head.Time : null;

    /// <summary>Adds a line; returns the entry it completed, if any.</summary>
    public LogEntry? Add(string line, ParsedLine parsed, long offset)
    {
        if (parsed.Time is null && HasEntry && _head.Time is not null)
        {
            Continue(line, parsed);
            return null;
        }

        var completed = Flush();
        _head = parsed;
        _offset = offset;
        _continuations = 0;
        _severity = parsed.Severity;
        _exception = parsed.Exception;
        _traceback = parsed.Message.StartsWith("Traceback", StringComparison.Ordinal);
        _text.Clear().Append(line.Length > MaxTextLength ? line[..MaxTextLength] : line);
        return completed;
    }

    public LogEntry? Flush()
    {
        if (!HasEntry)
        {
            return null;
        }

        var entry = new LogEntry(service, _head.Time, _severity, _head.Message, _exception, _text.ToString(), _offset);
        _offset = -1;
        return entry;
    }

    private void Continue(string line, ParsedLine parsed)
    {
        if (++_continuations > MaxContinuationLines)
        {
            return;
        }

        if (_text.Length < MaxTextLength)
        {
            _text.Append('\n').Append(line.Length > MaxTextLength - _text.Length ? line[..Math.Max(0, MaxTextLength - _text.Length)] : line);
        }

        _traceback |= parsed.Message.StartsWith("Traceback", StringComparison.Ordinal);
        if (parsed.Severity > _severity)
        {
            _severity = parsed.Severity;
        }

        if (parsed.Exception is not null && !parsed.IsFrame)
        {
            // Python names the cause in the traceback's last line; .NET and JS in the first.
            _exception = _traceback || _exception is null ? parsed.Exception : _exception;
        }
    }
}
