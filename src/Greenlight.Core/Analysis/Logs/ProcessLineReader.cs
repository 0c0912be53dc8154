namespace Greenlight.Analysis.Logs;

/// <summary>A source of lines with their position: byte offsets for files, line numbers for commands.</summary>
internal interface ILineReader
{
    Task<(string Line, long Offset)?> ReadLineAsync(CancellationToken cancellationToken);
}

/// <summary>Lines of a command's stdout, numbered, stopping at <see cref="CommandLogSource.MaxLines"/>.</summary>
internal sealed class ProcessLineReader(StreamReader output) : ILineReader
{
    private long _lines;

    public bool HitCap { get; private set; }

    public bool ReachedEnd { get; private set; }

    public async Task<(string Line, long Offset)?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (_lines >= CommandLogSource.MaxLines)
        {
            HitCap = true;
            return null;
        }

        var line = await output.ReadLineAsync(cancellationToken);
        if (line is null)
        {
            ReachedEnd = true;
            return null;
        }

        if (line.Length > LineReader.MaxLineBytes)
        {
            line = line[..LineReader.MaxLineBytes];
        }

        return (line, ++_lines);
    }
}
