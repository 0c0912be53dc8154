namespace Greenlight.Gates;

/// <summary>What a scan of one file found: the CRLF line numbers (the first few) and how many in all.</summary>
public sealed record CrlfScan(bool IsBinary, bool HasShebang, IReadOnlyList<int> FirstLines, int Count);

/// <summary>Streams a file once, numbering lines by LF and noting those that end in CR LF.</summary>
public static class CrlfScanner
{
    // git's own test: a NUL in the first 8000 bytes makes a file binary.
    private const int BinaryProbe = 8000;

    public static async Task<CrlfScan> ScanAsync(string path, int keep, CancellationToken cancellationToken)
    {
        var first = new List<int>();
        var count = 0;
        var line = 1;
        var previous = (byte)0;
        long offset = 0;
        var shebang = false;
        var buffer = new byte[64 * 1024];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, useAsync: true);
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (offset == 0)
            {
                shebang = read >= 2 && buffer[0] == '#' && buffer[1] == '!';
            }

            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (b == 0 && offset + i < BinaryProbe)
                {
                    return new CrlfScan(true, shebang, [], 0);
                }

                if (b == '\n')
                {
                    if (previous == '\r')
                    {
                        count++;
                        if (first.Count < keep)
                        {
                            first.Add(line);
                        }
                    }

                    line++;
                }

                previous = b;
            }

            offset += read;
        }

        return new CrlfScan(false, shebang, first, count);
    }
}
