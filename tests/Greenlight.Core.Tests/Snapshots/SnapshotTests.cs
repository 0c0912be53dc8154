namespace Greenlight.Core.Tests.Snapshots;

public sealed class SnapshotTests
{
    [Fact]
    public void Scrub_VaryingValues_ReplacedByTokens()
    {
        var text = "run 20261123-112233-ab12 at 2026-11-23T11:22:33.123+00:00 on http://127.0.0.1:49152 took 1.25 s and 2 m 3 s, 15 ms\n\"duration_ms\": 1234";

        var scrubbed = Snapshot.Scrub(text);

        Assert.Equal("run {RUN-ID} at {TIME} on http://127.0.0.1:{PORT} took {DURATION} and {DURATION}, {DURATION}\n\"duration_ms\": 0", scrubbed);
    }

    [Fact]
    public void Match_Mismatch_WritesReceivedAndFails()
    {
        var dir = Directory.CreateTempSubdirectory("greenlight-snapshot-").FullName;
        try
        {
            var source = Path.Combine(dir, "FakeTests.cs");
            File.WriteAllText(Path.Combine(dir, "FakeTests.Case.verified.md"), "expected\n");

            var failure = Assert.ThrowsAny<Exception>(() => Snapshot.Match("actual\n", "md", sourceFile: source, testName: "Case"));

            Assert.Contains("Snapshot differs", failure.Message, StringComparison.Ordinal);
            Assert.Equal("actual\n", File.ReadAllText(Path.Combine(dir, "FakeTests.Case.received.md")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Match_Equal_PassesAndRemovesStaleReceived()
    {
        var dir = Directory.CreateTempSubdirectory("greenlight-snapshot-").FullName;
        try
        {
            var source = Path.Combine(dir, "FakeTests.cs");
            File.WriteAllText(Path.Combine(dir, "FakeTests.Case.verified.md"), "same\n");
            File.WriteAllText(Path.Combine(dir, "FakeTests.Case.received.md"), "old\n");

            Snapshot.Match("same\n", "md", sourceFile: source, testName: "Case");

            Assert.False(File.Exists(Path.Combine(dir, "FakeTests.Case.received.md")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
