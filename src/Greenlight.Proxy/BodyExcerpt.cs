using Greenlight.Traffic;
using Microsoft.AspNetCore.Http;

namespace Greenlight.Proxy;

/// <summary>
/// The response body stream YARP writes to, wrapped: every write goes through unchanged, and for a
/// non-2xx answer the first <see cref="ResponseErrorText.MaxBodyBytes"/> bytes are kept, so its error
/// text can be recorded. A 2xx answer (the status is set before the body is written) keeps nothing.
/// </summary>
internal sealed class BodyExcerpt(Stream inner, HttpResponse response) : Stream
{
    private MemoryStream? _head;

    public ReadOnlySpan<byte> Head => _head is null ? default : _head.GetBuffer().AsSpan(0, (int)_head.Length);

    /// <summary>Whether an answer with this status has its body's head kept.</summary>
    public static bool Keeps(int status) => status is < 200 or >= 300;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        if (!Keeps(response.StatusCode))
        {
            return;
        }

        _head ??= new MemoryStream();
        var room = ResponseErrorText.MaxBodyBytes - (int)_head.Length;
        if (room > 0)
        {
            _head.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _head?.Dispose();
        }

        base.Dispose(disposing);
    }
}
