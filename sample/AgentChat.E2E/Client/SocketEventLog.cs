using System.Text.Json;

namespace AgentChat.E2E.Client;

/// <summary>
/// Every event one socket received, in order. Waiters look for a matching event from an index on,
/// so several waits (e.g. two concurrent runs) can observe the same stream without consuming it.
/// </summary>
public sealed class SocketEventLog(Uri url)
{
    private readonly Lock gate = new();
    private readonly List<ProtocolEvent> events = [];
    private TaskCompletionSource changed = NewSignal();

    public CloseInfo? Close { get; private set; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return events.Count;
            }
        }
    }

    public IReadOnlyList<ProtocolEvent> Snapshot()
    {
        lock (gate)
        {
            return [.. events];
        }
    }

    internal void Add(string text)
    {
        ProtocolEvent item;
        try
        {
            using var doc = JsonDocument.Parse(text);
            item = new ProtocolEvent(doc.RootElement.Clone(), text);
        }
        catch (JsonException)
        {
            // Kept as an event of type "" so a waiter reports the malformed frame instead of ignoring it.
            item = new ProtocolEvent(default, text);
        }
        lock (gate)
        {
            events.Add(item);
            Signal();
        }
    }

    internal void Closed(CloseInfo info)
    {
        lock (gate)
        {
            Close ??= info;
            Signal();
        }
    }

    /// <summary>The first event at or after <paramref name="from"/> that matches, within the timeout.</summary>
    public async Task<(ProtocolEvent Event, int Index)> WaitForAsync(
        int from, Func<ProtocolEvent, bool> match, TimeSpan timeout, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                for (var i = from; i < events.Count; i++)
                {
                    if (match(events[i]))
                    {
                        return (events[i], i);
                    }
                }
                if (Close is not null)
                {
                    throw new E2EFailure($"{url} {Close} while waiting for {what}; received: {Describe()}");
                }
                signal = changed.Task;
            }
            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new E2EFailure($"{url}: no {what} within {timeout.TotalSeconds:0.#} s; received: {Describe()}");
            }
        }
    }

    public async Task<ProtocolEvent> NextAsync(int index, TimeSpan timeout, string what, CancellationToken ct) =>
        (await WaitForAsync(index, _ => true, timeout, what, ct)).Event;

    /// <summary>Waits until the server closes the socket (or the connection drops).</summary>
    public async Task<CloseInfo> WaitForCloseAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (Close is not null)
                {
                    return Close;
                }
                signal = changed.Task;
            }
            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new E2EFailure($"{url}: the server did not close the socket within {timeout.TotalSeconds:0.#} s; received: {Describe()}");
            }
        }
    }

    private void Signal()
    {
        var old = changed;
        changed = NewSignal();
        old.TrySetResult();
    }

    private string Describe()
    {
        var types = events.Count == 0 ? "nothing" : string.Join(", ", events.TakeLast(12).Select(e => e.Type.Length > 0 ? e.Type : "<not json>"));
        return events.Count > 12 ? $"{events.Count} events, last: {types}" : types;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
