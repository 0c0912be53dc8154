using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>Reads result files with whichever reader recognises their first bytes (never the file name).</summary>
public sealed class ResultCollector(IEnumerable<IResultReader> readers)
{
    private const int HeadBytes = 4096;
    private readonly IReadOnlyList<IResultReader> _readers = [.. readers];

    /// <summary>The file read by the matching reader, or a ResultFile holding only the reason it could not be read.</summary>
    public async Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return Unreadable(path, $"result file {path} was not written");
        }

        var head = new byte[HeadBytes];
        int length;
        await using (var stream = File.OpenRead(path))
        {
            length = await stream.ReadAtLeastAsync(head, HeadBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        if (length == 0)
        {
            return Unreadable(path, $"result file {path} is empty");
        }

        var reader = _readers.FirstOrDefault(r => r.CanRead(head.AsSpan(0, length)));
        return reader is null
            ? Unreadable(path, $"result file {path} is in no known format ({string.Join(", ", _readers.Select(r => r.Format))})")
            : await reader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static ResultFile Unreadable(string path, string problem) => new(path, "unknown", [], [problem]);
}
