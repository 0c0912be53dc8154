using System.Text;
using System.Text.RegularExpressions;

namespace Greenlight.Analysis.Logs;

/// <summary>
/// Joins physical lines into whole entries: a timed line starts an entry, untimed lines continue it;
/// so do indented lines and a Python traceback's lines even when each carries a stamp (a captured
/// stdout stamps every line): an ASP.NET console entry with its message line, a .NET or Java stack,
/// a traceback up to its closing exception line. Without any timestamp, a line that is not
/// indented or chained starts its own entry.
/// </summary>
internal sealed partial class LogEntryBuilder(string service)
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
    private bool _openTraceback;
    private string _message = "";

    public bool HasEntry => _offset >= 0;

    public DateTimeOffset? CurrentTime => HasEntry ? _head.Time : null;

    /// <summary>Adds a line; returns the entry it completed, if any.</summary>
    public LogEntry? Add(string line, ParsedLine parsed, long offset)
    {
        // An untimed line after a timed one, an indented or chained line, and every line of a Python traceback
        // up to its closing "XError: …" belong to the entry before them, stamped or not.
        if (HasEntry && (parsed.Time is null && _head.Time is not null || parsed.Continues || _traceback && _openTraceback))
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
        _openTraceback = _traceback;
        _message = parsed.Message;
        _text.Clear().Append(line.Length > MaxTextLength ? line[..MaxTextLength] : line);
        return completed;
    }

    public LogEntry? Flush()
    {
        if (!HasEntry)
        {
            return null;
        }

        var entry = new LogEntry(service, _head.Time, _severity, _message, _exception, _text.ToString(), _offset);
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

        // ASP.NET's console logger writes "fail: Category[id]" and the message on the next, indented line.
        if (_continuations == 1 && AspNetHeader().IsMatch(_message) && parsed.Message.Length > 0)
        {
            _message += " " + parsed.Message;
        }

        var tracebackStarts = parsed.Message.StartsWith("Traceback", StringComparison.Ordinal);
        _traceback |= tracebackStarts;
        _openTraceback = tracebackStarts || _openTraceback && !(parsed.Exception is not null && !parsed.IsFrame && !parsed.Continues);
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

    [GeneratedRegex(@"^(?:fail|crit|warn|info|dbug|trce): [\w.`+<>]+\[\d+\]$")]
    private static partial Regex AspNetHeader();
}
