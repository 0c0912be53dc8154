using Greenlight.Model;

namespace Greenlight.Stages;

/// <summary>
/// Reads one runner result format. Formats are detected from content, never the file name.
/// Implementations stream the file, prohibit DTDs and report malformed input as
/// <see cref="ResultFile.Problems"/> rather than throwing.
/// </summary>
public interface IResultReader
{
    /// <summary>Short format name shown to users, e.g. "junit" or "trx".</summary>
    string Format { get; }

    /// <summary>True when the first bytes of a file look like this format.</summary>
    bool CanRead(ReadOnlySpan<byte> head);

    Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken);
}
