using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;
using Greenlight.Secrets;

namespace Greenlight.Analysis.Tests;

/// <summary>A service that logs one line 2,000 times around the one error that explains the failures.</summary>
public sealed class LogFloodTests : IDisposable
{
    private const string FloodLine = "ERROR agentchat.cache: redis connection lost; retrying in 0 ms";
    private static readonly DateTimeOffset Error = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-flood-");

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    /// <summary>1,000 flood lines a millisecond apart, the ValueError with its traceback, 1,000 more.</summary>
    private string WriteFloodLog()
    {
        var path = Path.Combine(_folder.FullName, "backend.log");
        using var writer = new StreamWriter(path);
        for (var i = -1000; i < 1000; i++)
        {
            if (i == 0)
            {
                writer.Write($"{LogFiles.Time(Error)} ERROR agentchat.ws: Error in websocket handler\nTraceback (most recent call last):\n  File \"/app/agentchat/ids.py\", line 12, in validate_user_id\nValueError: Invalid user_id format: pending_auth\n");
            }

            writer.Write($"{LogFiles.Time(Error.AddMilliseconds(i < 0 ? i : i + 1))} {FloodLine}\n");
        }

        return path;
    }

    [Fact]
    public async Task ReadAsync_FloodAroundOneError_ThreeEntriesWithCounts()
    {
        var window = new LogWindow(Error.AddSeconds(-5), Error.AddSeconds(5));

        var read = await new FileLogSource("backend", WriteFloodLog()).ReadAsync(window, 200, Timeout());

        Assert.False(read.Truncated);
        Assert.Equal([1000, 1, 1000], read.Entries.Select(e => e.Repeats));
        Assert.Equal("ValueError: Invalid user_id format: pending_auth", read.Entries[1].Headline);
        Assert.Equal(Error.AddMilliseconds(-1000), read.Entries[0].Time);
    }

    [Fact]
    public async Task ReadAsync_LinesDifferingBeyondTheirTimestamps_NotFolded()
    {
        var path = Path.Combine(_folder.FullName, "api.log");
        await File.WriteAllLinesAsync(path,
        [
            $"{LogFiles.Time(Error)} INFO agentchat.api: GET /api/threads/1 200",
            $"{LogFiles.Time(Error.AddMilliseconds(1))} INFO agentchat.api: GET /api/threads/2 200",
            $"{LogFiles.Time(Error.AddMilliseconds(2))} INFO agentchat.api: GET /api/threads/1 200",
            $"{LogFiles.Time(Error.AddMilliseconds(3))} WARN agentchat.api: GET /api/threads/1 200",
        ], Timeout());

        var read = await new FileLogSource("api", path).ReadAsync(new LogWindow(Error, Error.AddSeconds(1)), 200, Timeout());

        Assert.Equal([1, 1, 1, 1], read.Entries.Select(e => e.Repeats));
    }

    [Fact]
    public async Task BuildAsync_FloodAroundOneError_ErrorLineKeptAndFloodShownOnceWithItsCount()
    {
        var failure = new FailureOccurrence
        {
            Suite = "websocket-events",
            Test = "test_001_websocket_connection",
            Phase = "P1",
            Message = "received 1011 (internal error) Invalid user_id format",
            Started = Error.AddMilliseconds(-200),
            Ended = Error.AddMilliseconds(100),
        };
        var request = new EvidenceRequest
        {
            Cluster = Assert.Single(new FailureClusterer().Cluster([failure])),
            Services = ["backend"],
            LogSources = [new FileLogSource("backend", WriteFloodLog())],
            MaxEntriesPerWindow = 200,
        };

        var chain = await new EvidenceChainBuilder(new SecretRedactor()).BuildAsync(request, Timeout());

        Assert.Contains(chain.Lines, l => l.Entry.Headline == "ValueError: Invalid user_id format: pending_auth");
        var flood = Assert.Single(chain.Lines, l => l.Entry.Headline.Contains("redis connection lost", StringComparison.Ordinal));
        Assert.Equal(2000, flood.Occurrences);
        Assert.Empty(chain.Problems);
        Assert.Contains("redis connection lost; retrying in 0 ms` ×2000", EvidenceMarkdown.Render(chain, 1), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
