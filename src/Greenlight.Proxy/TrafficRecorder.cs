using System.Threading.Channels;
using Greenlight.Model;
using Greenlight.Secrets;
using Greenlight.Traffic;

namespace Greenlight.Proxy;

/// <summary>
/// Takes the proxy's records off the request path: a request hands its raw record to a bounded
/// queue and returns; one writer redacts each record (paths, test names, error texts) and appends
/// it to the log, flushing the log's file whenever the queue runs empty. When the queue is full a
/// request waits for room, so nothing is dropped under load.
/// </summary>
internal sealed class TrafficRecorder : IAsyncDisposable
{
    private const int Capacity = 4096;

    private readonly Channel<TrafficRecord> _queue = Channel.CreateBounded<TrafficRecord>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ITrafficLog _log;
    private readonly SecretRedactor _redactor;
    private readonly Task _writer;
    private int _pending;

    public TrafficRecorder(ITrafficLog log, SecretRedactor redactor)
    {
        _log = log;
        _redactor = redactor;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Records handed over and not yet in the log.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues a record whose <see cref="TrafficRecord.Path"/> is the raw path and query, not yet redacted.</summary>
    public ValueTask RecordAsync(TrafficRecord raw)
    {
        Interlocked.Increment(ref _pending);
        return _queue.Writer.TryWrite(raw) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(raw);
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var raw))
            {
                try
                {
                    _log.Append(Redacted(raw));
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }

            _log.Flush();
        }
    }

    private TrafficRecord Redacted(TrafficRecord raw) => raw with
    {
        Path = RecordedPath.Redact(raw.Path, _redactor),
        Test = Redact(raw.Test),
        Error = Redact(raw.Error),
        ErrorText = Redact(raw.ErrorText),
        CloseReason = Redact(raw.CloseReason),
    };

    private string? Redact(string? text) => text is null ? null : _redactor.Redact(text);

    /// <summary>Waits until every queued record is in the log; call after the proxy stopped taking requests.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
