using System.Text;

namespace Greenlight.Analysis.Logs;

/// <summary>Reads UTF-8 lines from a stream position, knowing each line's byte offset. Over-long lines are cut.</summary>
internal sealed class LineReader(Stream stream, long start) : ILineReader
{
    public const int MaxLineBytes = 64 * 1024;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _line = new();
    private int _count;
    private int _position;
    private long _bufferStart = start;
    private bool _seeked;

    public async Task<(string Line, long Offset)?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (!_seeked)
        {
            stream.Seek(_bufferStart, SeekOrigin.Begin);
            _seeked = true;
        }

        _line.SetLength(0);
        var offset = _bufferStart + _position;
        while (true)
        {
            if (_position >= _count)
            {
                _bufferStart += _count;
                _count = await stream.ReadAsync(_buffer, cancellationToken);
                _position = 0;
                if (_count == 0)
                {
                    return _line.Length > 0 ? (Decode(), offset) : null;
                }
            }

            var newline = Array.IndexOf(_buffer, (byte)'\n', _position, _count - _position);
            var end = newline < 0 ? _count : newline;
            var take = Math.Min(end - _position, MaxLineBytes - (int)_line.Length);
            if (take > 0)
            {
                _line.Write(_buffer, _position, take);
            }

            _position = end;
            if (newline >= 0)
            {
                _position++;
                return (Decode(), offset);
            }
        }
    }

    /// <summary>Byte offset of the next line to be read.</summary>
    public long Position => _bufferStart + _position;

    private string Decode() => Encoding.UTF8.GetString(_line.GetBuffer(), 0, (int)_line.Length).TrimEnd('\r');
}
