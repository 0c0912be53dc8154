using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>
/// A started child process and its whole tree. It ends when the program exits, when its timeout
/// passes, or when it is stopped (cancel, <see cref="StopAsync"/>, dispose); then the process group
/// is terminated, so nothing it started is left behind.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputSink _sink;
    private readonly ProcessSpec _spec;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource? _timeout;
    private readonly Task<ProcessResult> _completion;
    private int _reason; // 0 none, 1 timed out, 2 cancelled: the first one wins

    internal RunningProcess(Process process, OutputSink sink, ProcessSpec spec, TimeProvider time, DateTimeOffset started, long startTimestamp)
    {
        _process = process;
        _sink = sink;
        _spec = spec;
        _time = time;
        Started = started;
        Id = process.Id;
        _startTimestamp = startTimestamp;
        if (spec.Timeout is { } timeout)
        {
            _timeout = new CancellationTokenSource(timeout, time);
            _timeout.Token.Register(() => RequestStop(1));
        }

        var stdout = PumpAsync(process.StandardOutput);
        var stderr = PumpAsync(process.StandardError);
        _completion = RunAsync(stdout, stderr);
    }

    /// <summary>The process id; on Linux also its process group id.</summary>
    public int Id { get; }

    public DateTimeOffset Started { get; }

    /// <summary>Completes with the result once the process and its output have ended.</summary>
    public Task<ProcessResult> Completion => _completion;

    public bool HasExited => _completion.IsCompleted || _process.HasExited;

    /// <summary>The last output lines so far (redacted).</summary>
    public IReadOnlyList<string> Tail => _sink.Tail();

    /// <summary>Waits for the end; cancelling kills the tree and gives a result with <c>Cancelled</c>.</summary>
    public async Task<ProcessResult> WaitAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() => RequestStop(2));
        return await _completion.ConfigureAwait(false);
    }

    /// <summary>Kills the whole tree (SIGTERM, then SIGKILL after the grace period) and waits for it.</summary>
    public Task<ProcessResult> StopAsync()
    {
        RequestStop(2);
        return _completion;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _timeout?.Dispose();
    }

    private void RequestStop(int reason)
    {
        if (Interlocked.CompareExchange(ref _reason, reason, 0) == 0 && !_completion.IsCompleted)
        {
            _stop.Cancel();
        }
    }

    private async Task<ProcessResult> RunAsync(Task stdout, Task stderr)
    {
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        var stopped = Task.Delay(Timeout.InfiniteTimeSpan, _time, _stop.Token);
        await Task.WhenAny(exited, stopped).ConfigureAwait(false);
        var wasStopped = !exited.IsCompleted;

        await ProcessGroup.TerminateAsync(Id, wasStopped ? _spec.KillGrace : TimeSpan.FromMilliseconds(200), _time).ConfigureAwait(false);
        if (!_process.HasExited)
        {
            // Not Linux, or the group signal missed: fall back to walking the tree.
            _process.Kill(entireProcessTree: true);
        }

        await exited.ConfigureAwait(false);
        var duration = _time.GetElapsedTime(_startTimestamp);
        // Output pipes close once every holder is dead; bound the wait in case one escaped the group.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(5), _time)).ConfigureAwait(false);
        var reason = wasStopped ? Volatile.Read(ref _reason) : 0;
        var result = new ProcessResult
        {
            ExitCode = _process.ExitCode,
            TimedOut = reason == 1,
            Cancelled = reason == 2,
            Started = Started,
            Duration = duration,
            Tail = _sink.Tail(),
        };
        _sink.Dispose();
        _process.Dispose();
        return result;
    }

    private async Task PumpAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _sink.Write(line);
            }
        }
        catch (IOException)
        {
            // The pipe broke because the tree was killed: the output ends here.
        }
        catch (ObjectDisposedException)
        {
            // The process was disposed after an escaped holder kept the pipe open past the bound.
        }
    }
}
