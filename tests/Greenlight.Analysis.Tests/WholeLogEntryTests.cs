using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Tests;

/// <summary>Lines grouped into whole entries before ranking, also when a captured stdout stamps every line.</summary>
public sealed class WholeLogEntryTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-entries-");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private async Task<IReadOnlyList<LogEntry>> ReadAsync(params string[] lines)
    {
        var path = Path.Combine(_folder.FullName, $"{Guid.NewGuid():N}.log");
        await File.WriteAllLinesAsync(path, lines, Timeout());
        var read = await new FileLogSource("api", path).ReadAsync(new LogWindow(LogFiles.Start, LogFiles.Start.AddMinutes(1)), 100, Timeout());
        Assert.Empty(read.Problems);
        return read.Entries;
    }

    private static string At(double seconds, string line) => $"{LogFiles.Time(LogFiles.Start.AddSeconds(seconds))} {line}";

    [Fact]
    public async Task StampedAspNetCrash_TwoEntries_ExceptionFatalWithFramesFolded_MessageLineJoinsItsHeader()
    {
        var entries = await ReadAsync(
            At(1, "fail: Microsoft.EntityFrameworkCore.Database.Connection[20004]"),
            At(1, "      An error occurred using the connection to database 'main' on server '/x/app.db'."),
            At(1.001, "Unhandled exception. Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 14: 'unable to open database file'."),
            At(1.001, "   at Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(Int32 rc, sqlite3 db)"),
            At(1.001, "   at Microsoft.EntityFrameworkCore.Storage.RelationalConnection.Open(Boolean errorsExpected)"));

        Assert.Equal(2, entries.Count);
        Assert.Equal(LogSeverity.Error, entries[0].Severity);
        Assert.Equal("fail: Microsoft.EntityFrameworkCore.Database.Connection[20004] An error occurred using the connection to database 'main' on server '/x/app.db'.", entries[0].Headline);
        Assert.Equal(LogSeverity.Fatal, entries[1].Severity);
        Assert.Equal("Unhandled exception. Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 14: 'unable to open database file'.", entries[1].Headline);
        Assert.Contains("RelationalConnection.Open", entries[1].Text, StringComparison.Ordinal);

        var ranked = EvidenceRanker.Rank(entries, SignatureNormalizer.Normalize("exited with 134 during start", null), LogFiles.Start.AddSeconds(2), TimeSpan.FromSeconds(5), 5);
        Assert.Equal(entries[1], ranked[0].Entry);
    }

    [Fact]
    public async Task StampedPythonTraceback_OneEntryNamedByItsLastLine_JavaCauseChainOneEntry()
    {
        var entries = await ReadAsync(
            At(1, "Traceback (most recent call last):"),
            At(1, "  File \"/app/main.py\", line 3, in <module>"),
            At(1, "    connect()"),
            At(1, "sqlite3.OperationalError: unable to open database file"),
            At(2, "java.lang.IllegalStateException: pool closed"),
            At(2, "\tat com.example.Pool.get(Pool.java:42)"),
            At(2, "Caused by: java.io.IOException: broken pipe"),
            At(2, "\t... 5 more"),
            At(3, "INFO done"));

        Assert.Equal(3, entries.Count);
        Assert.Equal("sqlite3.OperationalError: unable to open database file", entries[0].Exception);
        Assert.Equal(LogSeverity.Error, entries[0].Severity);
        Assert.Equal("java.lang.IllegalStateException: pool closed", entries[1].Exception);
        Assert.Contains("Caused by: java.io.IOException: broken pipe", entries[1].Text, StringComparison.Ordinal);
        Assert.Equal("done", entries[2].Message[5..]);
    }

    [Fact]
    public async Task JsonLinesAndJournalPrefixes_OneEntryEach_PrefixStripped()
    {
        var time = LogFiles.Time(LogFiles.Start.AddSeconds(1));
        var entries = await ReadAsync(
            $"{{\"time\":\"{time}\",\"level\":\"error\",\"msg\":\"db down\"}}",
            $"{{\"time\":\"{time}\",\"level\":\"info\",\"msg\":\"retrying\"}}",
            At(2, "web-1 api[4242]: ERROR payments: ValueError: bad token"));

        Assert.Equal(["db down", "retrying", "ERROR payments: ValueError: bad token"], entries.Select(e => e.Message));
        Assert.Equal(LogSeverity.Error, entries[2].Severity);
    }

    [Fact]
    public async Task SuccessfulAccessLines_NeverAboveAnErrorEntry()
    {
        var entries = await ReadAsync(
            At(1, "INFO request: \"GET /tags HTTP/1.1\" 200 -"),
            At(1, "INFO request: \"GET /tags HTTP/1.1\" 200 -"),
            At(1.5, "INFO Request finished HTTP/1.1 GET http://localhost/articles - 500"),
            At(20, "ERROR articles: NullReferenceException: tag was null"));
        var signature = SignatureNormalizer.Normalize("GET /tags → 500 tags articles", null);

        var ranked = EvidenceRanker.Rank(entries, signature, LogFiles.Start.AddSeconds(1), TimeSpan.FromSeconds(5), 5);

        Assert.Equal("ERROR articles: NullReferenceException: tag was null", ranked[0].Entry.Headline);
        var tags = Assert.Single(ranked, r => r.Entry.Message.Contains("/tags", StringComparison.Ordinal));
        Assert.Contains("successful request", tags.Why);
        Assert.True(ranked.Single(r => r.Entry.Message.Contains("500", StringComparison.Ordinal)).Score > tags.Score);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
