using System.Text.Json;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>jest 30.5.2's <c>--json</c> report; see TestData/README.md.</summary>
public sealed class JestJsonReaderTests
{
    private readonly JestJsonReader _reader = new();
    private readonly string _path = TestData.Path("jest", "jest-repeated.json");

    [Fact]
    public async Task ReadAsync_JestJson_HasEveryTestPlusEachFileThatFailedToRun()
    {
        // Counted independently: jest's own counters of tests and of files that failed to run.
        using var json = JsonDocument.Parse(File.ReadAllBytes(_path));
        var expected = json.RootElement.GetProperty("numTotalTests").GetInt32() + json.RootElement.GetProperty("numRuntimeErrorTestSuites").GetInt32();

        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal(8, expected);
        Assert.Equal(expected, file.Cases.Count);
        Assert.Empty(file.Problems);
    }

    [Fact]
    public async Task ReadAsync_JestJson_NamesCasesAsTheJUnitReaderNamesJestJunitCases()
    {
        var json = await _reader.ReadAsync(_path, TestData.Timeout());
        var junit = await new JUnitResultReader().ReadAsync(TestData.Path("jest", "jest-repeated.junit.xml"), TestData.Timeout());

        // jest-junit writes a file that failed to run twice; the JSON once, with the same first name.
        var junitNames = junit.Cases.Select(c => c.FullName).Where(n => !n.EndsWith(".test.js [2]", StringComparison.Ordinal));
        Assert.Equal(junitNames.Order(StringComparer.Ordinal), json.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_JsonWrittenBesideJestJunit_ReadsTheSameCasesAsJestAlone()
    {
        var alone = await _reader.ReadAsync(_path, TestData.Timeout());

        var beside = await _reader.ReadAsync(TestData.Path("jest", "jest-repeated-with-jest-junit.json"), TestData.Timeout());

        Assert.Equal(alone.Cases.Select(c => (c.FullName, c.Outcome, c.Message)), beside.Cases.Select(c => (c.FullName, c.Outcome, c.Message)));
    }

    [Fact]
    public async Task ReadAsync_JestJson_MapsStatusesAndKeepsRepeatedTitles()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        Assert.Equal(TestOutcome.Passed, Case(file, "agents api returns the agent list").Outcome);
        Assert.Equal(TestOutcome.Failed, Case(file, "agents api returns the agent list [2]").Outcome);
        Assert.Equal(TestOutcome.Skipped, Case(file, "agents api reconnects after close").Outcome);
        Assert.Equal("Error: socket closed with 1011", Case(file, "agents api reconnects after close [2]").Message);
        Assert.Equal(TestOutcome.Skipped, Case(file, "agents api streams tokens").Outcome); // todo
        Assert.True(Case(file, "agents api waits for the backend").Duration >= TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task ReadAsync_FileThatFailedToRun_IsAnErrorCaseWithItsCauseAndWindow()
    {
        var file = await _reader.ReadAsync(_path, TestData.Timeout());

        var broken = Case(file, "Test suite failed to run.broken-import.test.js");
        Assert.Equal(TestOutcome.Error, broken.Outcome);
        Assert.Equal("Cannot find module './missing-client' from 'broken-import.test.js'", broken.Message);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796155491622), broken.Started);
        Assert.Equal("config file not found: agents.yaml", Case(file, "Test suite failed to run.broken-config.test.js").Message);
    }

    [Fact]
    public async Task ReadAsync_TruncatedJson_IsAProblemWithLineAndPosition()
    {
        var directory = TestData.TempDirectory();
        var cut = Path.Combine(directory, "cut.json");
        File.WriteAllBytes(cut, File.ReadAllBytes(_path)[..2000]);

        var file = await _reader.ReadAsync(cut, TestData.Timeout());

        Assert.Empty(file.Cases);
        Assert.Equal($"{cut}: malformed or truncated JSON at line 1, position 2001", Assert.Single(file.Problems));
        Directory.Delete(directory, recursive: true);
    }

    private static TestCaseResult Case(ResultFile file, string fullName) => file.Cases.Single(c => c.FullName == fullName);
}
