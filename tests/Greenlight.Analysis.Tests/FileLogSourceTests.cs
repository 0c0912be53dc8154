using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Tests;

public sealed class FileLogSourceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-logs-");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task ReadAsync_WindowInLargeFile_ExactlyTheWindowsEntriesWithTracebacksJoined()
    {
        var path = Path.Combine(_folder.FullName, "backend.log");
        LogFiles.WriteLarge(path, 200_000, TimeSpan.FromMilliseconds(100));
        var window = new LogWindow(LogFiles.Start.AddSeconds(10_000), LogFiles.Start.AddSeconds(10_010));

        var read = await new FileLogSource("backend", path).ReadAsync(window, 1000, Timeout());

        Assert.Empty(read.Problems);
        Assert.Equal(101, read.Entries.Count);
        Assert.All(read.Entries, e => Assert.True(window.Contains(e.Time!.Value)));
        var error = Assert.Single(read.Entries, e => e.Severity == LogSeverity.Error && e.Exception is not null && e.Text.Contains("Traceback", StringComparison.Ordinal) && e.Time == LogFiles.Start.AddMilliseconds(10_004_900));
        Assert.Equal("KeyError: 'user-100049'", error.Exception);
    }

    [Fact]
    public async Task ReadWindowAsync_LargeFile_ReadsAFractionOfTheBytes()
    {
        var path = Path.Combine(_folder.FullName, "big.log");
        LogFiles.WriteLarge(path, 300_000, TimeSpan.FromMilliseconds(100));
        await using var file = File.OpenRead(path);
        await using var counting = new CountingStream(file);
        var window = new LogWindow(LogFiles.Start.AddSeconds(20_000), LogFiles.Start.AddSeconds(20_005));

        var read = await FileLogSource.ReadWindowAsync(counting, "backend", path, window, 1000, Timeout());

        Assert.Equal(51, read.Entries.Count);
        Assert.True(counting.BytesRead < file.Length / 20, $"read {counting.BytesRead} of {file.Length} bytes");
    }

    [Theory]
    [InlineData(-100, -50, 0)]
    [InlineData(0, 0.45, 5)]
    [InlineData(99.5, 1000, 5)]
    [InlineData(200, 300, 0)]
    public async Task ReadAsync_WindowAtEdges_OnlyEntriesInside(double fromSeconds, double toSeconds, int expected)
    {
        var path = Path.Combine(_folder.FullName, $"edge{Guid.NewGuid():N}.log");
        LogFiles.WriteLarge(path, 1000, TimeSpan.FromMilliseconds(100));

        var read = await new FileLogSource("backend", path).ReadAsync(new LogWindow(LogFiles.Start.AddSeconds(fromSeconds), LogFiles.Start.AddSeconds(toSeconds)), 1000, Timeout());

        Assert.Equal(expected, read.Entries.Count);
    }

    [Fact]
    public async Task ReadAsync_CapReached_KeepsErrorsBeyondTheCapAndSaysTruncated()
    {
        var path = Path.Combine(_folder.FullName, "capped.log");
        LogFiles.WriteLarge(path, 1000, TimeSpan.FromMilliseconds(100));

        var read = await new FileLogSource("backend", path).ReadAsync(new LogWindow(LogFiles.Start, LogFiles.Start.AddSeconds(100)), 10, Timeout());

        Assert.True(read.Truncated);
        Assert.Equal(20, read.Entries.Count);
        Assert.Equal(10, read.Entries.Count(e => e.Severity == LogSeverity.Error));
    }

    [Fact]
    public async Task ReadAsync_NoTimestamps_LastLinesAndAProblem()
    {
        var path = Path.Combine(_folder.FullName, "plain.log");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 5000).Select(i => $"line {i}"), Timeout());

        var read = await new FileLogSource("backend", path).ReadAsync(new LogWindow(LogFiles.Start, LogFiles.Start.AddSeconds(1)), 10, Timeout());

        Assert.Equal("line 4999", read.Entries[^1].Message);
        Assert.Equal(10, read.Entries.Count);
        Assert.Contains("has no timestamps", Assert.Single(read.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ProblemNotException()
    {
        var read = await new FileLogSource("backend", Path.Combine(_folder.FullName, "nope.log")).ReadAsync(new LogWindow(LogFiles.Start, LogFiles.Start), 10, Timeout());

        Assert.Empty(read.Entries);
        Assert.StartsWith("backend: cannot read ", Assert.Single(read.Problems), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Count(await inner.ReadAsync(buffer, cancellationToken));
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int n)
        {
            BytesRead += n;
            return n;
        }
    }
}
