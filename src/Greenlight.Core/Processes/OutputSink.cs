using Greenlight.Secrets;

namespace Greenlight.Processes;

/// <summary>
/// Where a child's output lines go: redacted, appended to its log file (optionally stamped with
/// the UTC time so log sources can cut a failure window), kept in a short tail for messages.
/// </summary>
internal sealed class OutputSink : IDisposable
{
    private const int TailSize = 20;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly StreamWriter? _log;
    private readonly SecretRedactor _redactor;
    private readonly Action<string>? _onLine;
    private readonly TimeProvider? _stamp;

    public OutputSink(string? logPath, SecretRedactor redactor, Action<string>? onLine, TimeProvider? stamp)
    {
        _redactor = redactor;
        _onLine = onLine;
        _stamp = stamp;
        if (logPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
            _log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
    }

    public void Write(string line)
    {
        var clean = _redactor.Redact(line);
        lock (_gate)
        {
            _tail.Enqueue(clean);
            if (_tail.Count > TailSize)
            {
                _tail.Dequeue();
            }

            if (_log is not null)
            {
                _log.WriteLine(_stamp is null ? clean : $"{_stamp.GetUtcNow().UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {clean}");
            }
        }

        _onLine?.Invoke(clean);
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log?.Dispose();
        }
    }
}
