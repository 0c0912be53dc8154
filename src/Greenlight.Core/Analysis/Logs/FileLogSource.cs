namespace Greenlight.Analysis.Logs;

/// <summary>
/// A log file, including the captured stdout of a local service. Lines are expected in time
/// order, so the window is found by binary search over byte offsets and only the window is read:
/// the cost follows the window, not the file.
/// </summary>
public sealed class FileLogSource(string service, string path) : ILogSource
{
    // Below this span, reading forward is cheaper than another probe.
    private const long LinearSpan = 64 * 1024;
    private const int TailBytes = 256 * 1024;

    public string Service => service;

    public string Path => path;

    public string Description => $"file {path}";

    public async Task<LogReadResult> ReadAsync(LogWindow window, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        FileStream stream;
        try
        {
            // The service may still be writing the file.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LogReadResult.Problem($"{service}: cannot read {path}: {e.Message}");
        }

        await using (stream)
        {
            try
            {
                return await ReadWindowAsync(stream, service, path, window, maxEntries, cancellationToken);
            }
            catch (IOException e)
            {
                return LogReadResult.Problem($"{service}: error reading {path}: {e.Message}");
            }
        }
    }

    /// <summary>The window of a seekable stream of time-ordered lines; <paramref name="name"/> is for messages.</summary>
    public static async Task<LogReadResult> ReadWindowAsync(Stream stream, string service, string name, LogWindow window, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(window);
        var start = await FindWindowStartAsync(stream, window.From, cancellationToken);
        var result = await WindowReader.ReadAsync(service, new LineReader(stream, start), window, maxEntries, cancellationToken);
        if (result.SawTimestamps)
        {
            return result.Result;
        }

        // No timestamps at all: the window cannot be found, so show the end of the file and say so.
        var tail = await WindowReader.ReadAsync(service, new LineReader(stream, await TailStartAsync(stream, cancellationToken)), null, maxEntries, cancellationToken);
        return tail.Result with { Problems = [$"{service}: {name} has no timestamps; showing its last lines, not the failure window"] };
    }

    /// <summary>A line start before which every timed line is earlier than <paramref name="from"/>.</summary>
    internal static async Task<long> FindWindowStartAsync(Stream stream, DateTimeOffset from, CancellationToken cancellationToken)
    {
        long low = 0;
        var high = stream.Length;
        while (high - low > LinearSpan)
        {
            var middle = low + ((high - low) / 2);
            var probe = await FirstTimedLineAsync(stream, middle, high, cancellationToken);
            if (probe is null)
            {
                high = middle;
            }
            else if (probe.Value.Time < from)
            {
                low = probe.Value.Offset;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static async Task<(long Offset, DateTimeOffset Time)?> FirstTimedLineAsync(Stream stream, long at, long limit, CancellationToken cancellationToken)
    {
        var reader = new LineReader(stream, at);
        if (at > 0)
        {
            await reader.ReadLineAsync(cancellationToken); // the partial line we landed in
        }

        while (reader.Position < limit && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (LogLineParser.Parse(line.Line).Time is { } time)
            {
                return (line.Offset, time);
            }
        }

        return null;
    }

    private static async Task<long> TailStartAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (stream.Length <= TailBytes)
        {
            return 0;
        }

        var reader = new LineReader(stream, stream.Length - TailBytes);
        await reader.ReadLineAsync(cancellationToken);
        return reader.Position;
    }
}
