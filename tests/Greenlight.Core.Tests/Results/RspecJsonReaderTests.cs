using System.Text.Json;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>RSpec 3.12's <c>--format json</c>; see TestData/README.md.</summary>
public sealed class RspecJsonReaderTests
{
    private readonly RspecJsonReader _reader = new();
    private readonly string _path = TestData.Path("rspec", "rspec.json");

    [Fact]
    public async Task ReadAsync_RspecJson_HasOneCasePerExample()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(_path));
        var examples = json.RootElement.GetProperty("examples").GetArrayLength();

        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal(8, examples);
        Assert.Equal(examples, file.Cases.Count);
    }

    [Fact]
    public async Task ReadAsync_RspecJson_MapsStatusesMessagesAndRepeatedDescriptions()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal(TestOutcome.Passed, Case(file, "agents api.lists agents").Outcome);
        var second = Case(file, "agents api.lists agents [2]");
        Assert.Equal(TestOutcome.Failed, second.Outcome);
        Assert.Equal("expected: 2", second.Message);
        Assert.StartsWith("RSpec::Expectations::ExpectationNotMetError: expected: 2", second.StackTrace, StringComparison.Ordinal);
        Assert.Equal("backend not deployed", Case(file, "agents api.streams tokens").Message);
        Assert.Equal(TestOutcome.Skipped, Case(file, "agents api.reconnects after close").Outcome);
        Assert.Equal("Temporarily skipped with xit", Case(file, "agents api.is disabled").Message);
        Assert.Equal("database unavailable during setup", Case(file, "agents api with a broken fixture.never runs").Message);
    }

    [Fact]
    public async Task ReadAsync_ErrorOutsideOfExamples_IsAProblem()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        var problem = Assert.Single(file.Problems);
        Assert.StartsWith($"{_path}: 1 error(s) outside of examples", problem, StringComparison.Ordinal);
        Assert.Contains("An error occurred in an `after(:context)` hook.", problem, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Passed, Case(file, "agents api with a failing cleanup.runs before the cleanup").Outcome);
    }

    private static TestCaseResult Case(ResultFile file, string fullName) => file.Cases.Single(c => c.FullName == fullName);
}
