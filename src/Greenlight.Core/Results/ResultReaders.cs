using System.Text;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Results;

/// <summary>
/// Reads any result file Greenlight understands, choosing the reader from the file's first
/// kilobyte (never its name). Unknown or unreadable files come back as a <see cref="ResultFile"/>
/// with a Problem, never as an exception.
/// </summary>
public sealed class ResultReaders(IReadOnlyList<IResultReader> readers)
{
    /// <summary>How much of a file detection looks at.</summary>
    public const int HeadSize = 1024;

    /// <summary>Every reader Greenlight has (docs/result-formats.md), with the given limits.</summary>
    public static ResultReaders CreateDefault(ResultReaderLimits? limits = null) =>
        new([
            new JUnitResultReader(limits), new TrxResultReader(limits), new XunitReportReader(limits), new NUnitXmlReader(limits),
            new GoTestJsonReader(limits), new JestJsonReader(limits), new MochaJsonReader(limits), new RspecJsonReader(limits),
        ]);

    public IReadOnlyList<IResultReader> Readers { get; } = readers;

    public IResultReader? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var reader in Readers)
        {
            if (reader.CanRead(head))
            {
                return reader;
            }
        }

        return null;
    }

    public async Task<ResultFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        byte[] head;
        int length;
        try
        {
            await using var stream = SafeXml.OpenRead(path);
            head = new byte[HeadSize];
            length = await stream.ReadAtLeastAsync(head, HeadSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, SafeXml.Describe(path, ex));
        }

        if (length == 0)
        {
            return Unreadable(path, $"{path}: result file is empty");
        }

        var reader = Detect(head.AsSpan(0, length));
        return reader is null
            ? Unreadable(path, $"{path}: unrecognised result format (starts with \"{Preview(head.AsSpan(0, length))}\")")
            : await reader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static ResultFile Unreadable(string path, string problem) => new(path, "unknown", [], [problem]);

    private static string Preview(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head[..Math.Min(head.Length, 60)]);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
