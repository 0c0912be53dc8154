using System.Text.Json;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary><c>go test -json</c> from Go 1.19.8; see TestData/README.md.</summary>
public sealed class GoTestJsonReaderTests
{
    private readonly GoTestJsonReader _reader = new();
    private readonly string _path = TestData.Path("gotest", "gotest.jsonl");

    [Fact]
    public async Task ReadAsync_GoTestJson_HasOneCasePerTestResultEvent()
    {
        // Counted independently: every event line whose Test is set and whose Action is a result.
        var results = File.ReadLines(_path).Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Count(e => e.TryGetProperty("Test", out _) && e.GetProperty("Action").GetString() is "pass" or "fail" or "skip");

        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal(12, results);
        Assert.Equal(results, file.Cases.Count);
        Assert.Equal(TestOutcome.Failed, Outcome(file, "example.com/agentchat/ok.TestSub/bad"));
        Assert.Equal(TestOutcome.Passed, Outcome(file, "example.com/agentchat/ok.TestSub/same#01"));
        Assert.Equal(TestOutcome.Failed, Outcome(file, "example.com/agentchat/panics.TestPanics"));
        Assert.Equal(TestOutcome.Passed, Outcome(file, "example.com/agentchat/ok.TestParallelB"));
    }

    [Fact]
    public async Task ReadAsync_GoTestJson_CarriesRunAndResultEventTimes()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        var listed = file.Cases.Single(c => c.Name == "TestListAgents");
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T19:47:41.4721201Z", System.Globalization.CultureInfo.InvariantCulture), listed.Started);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T19:47:41.4834041Z", System.Globalization.CultureInfo.InvariantCulture), listed.Ended);
        // The event times, exact to the nanosecond, not go's Elapsed rounded to hundredths (0.01).
        Assert.Equal(listed.Ended - listed.Started, listed.Duration);
        Assert.Equal(TimeSpan.FromTicks(112840), listed.Duration);
        Assert.All(file.Cases, c => Assert.True(c.Started <= c.Ended, c.FullName));
    }

    [Fact]
    public async Task ReadAsync_GoTestJson_SkipReasonAndFailureComeFromTheTestsOutput()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        var skipped = file.Cases.Single(c => c.Name == "TestStreamTokens");
        Assert.Equal(TestOutcome.Skipped, skipped.Outcome);
        Assert.Equal("agents_test.go:18: backend not deployed in this environment", skipped.Message);
        var panicked = file.Cases.Single(c => c.Name == "TestPanics");
        Assert.Contains("panic: assignment to entry in nil map", panicked.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PackageThatDoesNotBuild_IsAProblemWithItsLine()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        var problem = Assert.Single(file.Problems);
        Assert.Equal($"{_path}:1: not a go test event: FAIL\texample.com/agentchat/broken [build failed]", problem);
    }

    [Fact]
    public async Task ReadAsync_CutAfterARunEvent_KeepsTheTestAsAnErrorAndSaysSo()
    {
        // The real file cut after TestLogin's run event: a binary killed mid-test leaves exactly this.
        var directory = TestData.TempDirectory();
        var cut = Path.Combine(directory, "cut.jsonl");
        var lines = File.ReadLines(_path).ToList();
        var runLogin = lines.FindIndex(l => l.Contains("\"Action\":\"run\"", StringComparison.Ordinal) && l.Contains("\"Test\":\"TestLogin\"", StringComparison.Ordinal));
        File.WriteAllLines(cut, lines.Take(runLogin + 2));

        var file = await _reader.ReadAsync(cut, TestData.Timeout());

        var login = Assert.Single(file.Cases, c => c.Name == "TestLogin");
        Assert.Equal(TestOutcome.Error, login.Outcome);
        Assert.Null(login.Ended);
        Assert.Contains(file.Problems, p => p == $"{cut}:{runLogin + 1}: test example.com/agentchat/ok.TestLogin started and never ended (binary killed or timed out)");
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ReadAsync_ManyLinesThatAreNotEvents_ListsTenAndCountsTheRest()
    {
        // mocha's report, pretty-printed over many lines, is a file no go test wrote.
        var path = TestData.Path("mocha", "mocha.json");
        var lines = File.ReadLines(path).Count(l => l.Trim().Length > 0 && l.Trim()[0] != '{');

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(10, file.Problems.Count(p => p.Contains(": not a go test event: ", StringComparison.Ordinal)));
        Assert.Contains($"{path}: {lines - 10} more line(s) that are not go test events", file.Problems);
        Assert.Empty(file.Cases);
    }

    private static TestOutcome Outcome(ResultFile file, string fullName) => file.Cases.Single(c => c.FullName == fullName).Outcome;
}
