using System.Text.Json;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>mocha 12.0.3's <c>json</c> reporter; see TestData/README.md.</summary>
public sealed class MochaJsonReaderTests
{
    private readonly MochaJsonReader _reader = new();
    private readonly string _path = TestData.Path("mocha", "mocha.json");

    [Fact]
    public async Task ReadAsync_MochaJson_HasEveryTestPlusEachFailedHook()
    {
        // Counted independently: the tests array, and the failures whose title names a hook.
        using var json = JsonDocument.Parse(File.ReadAllBytes(_path));
        var tests = json.RootElement.GetProperty("tests").GetArrayLength();
        var hooks = json.RootElement.GetProperty("failures").EnumerateArray().Count(f => f.GetProperty("title").GetString()!.Contains("\" hook", StringComparison.Ordinal));

        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal((7, 2), (tests, hooks));
        Assert.Equal(tests + hooks, file.Cases.Count);
    }

    [Fact]
    public async Task ReadAsync_MochaJson_MapsOutcomesAndKeepsRepeatedTitles()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal(TestOutcome.Passed, Case(file, "agents api.lists agents").Outcome);
        var second = Case(file, "agents api.lists agents [2]");
        Assert.Equal(TestOutcome.Failed, second.Outcome);
        Assert.Equal("Expected values to be strictly equal:", second.Message);
        Assert.Equal(TestOutcome.Skipped, Case(file, "agents api.streams tokens").Outcome);
        Assert.Equal(TestOutcome.Skipped, Case(file, "agents api.reconnects after close").Outcome); // no body
        Assert.Equal(TimeSpan.FromMilliseconds(31), Case(file, "agents api.waits for the backend").Duration);
    }

    [Fact]
    public async Task ReadAsync_FailedHooks_AreErrorCasesInTheirDescribeBlock()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        var before = Case(file, "agents api with a broken fixture.\"before all\" hook for \"never runs\"");
        Assert.Equal(TestOutcome.Error, before.Outcome);
        Assert.Equal("database unavailable during setup", before.Message);
        Assert.Equal(TestOutcome.Error, Case(file, "agents api with a failing cleanup.\"after all\" hook for \"runs before the cleanup\"").Outcome);
        Assert.Equal(TestOutcome.Passed, Case(file, "agents api with a failing cleanup.runs before the cleanup").Outcome);
    }

    private static TestCaseResult Case(ResultFile file, string fullName) => file.Cases.Single(c => c.FullName == fullName);
}
