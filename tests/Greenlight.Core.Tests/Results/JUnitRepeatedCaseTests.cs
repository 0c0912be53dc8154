using System.Xml.Linq;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>No testcase element may be lost: counts come from XDocument, never from the reader's own logic.</summary>
public sealed class JUnitRepeatedCaseTests
{
    private readonly JUnitResultReader _reader = new();

    [Theory]
    [InlineData("jest", "jest-repeated.junit.xml", 0)]
    [InlineData("jest", "jest-junit.xml", 0)]
    [InlineData("pytest", "pytest-repeated.xml", 2)]
    [InlineData("pytest", "pytest-default.xml", 0)]
    [InlineData("pytest", "pytest-failure-and-teardown-error.xml", 1)]
    [InlineData("gotestsum", "gotestsum.xml", 0)]
    [InlineData("xunit2", "xunit2.junit.xml", 0)]
    [InlineData("xunit3", "xunit3.junit.xml", 0)]
    public async Task ReadAsync_CorpusFile_KeepsEveryTestcaseElementButPytestFixtureErrors(string producer, string name, int pytestFolds)
    {
        var path = TestData.Path(producer, name);
        var elements = XDocument.Load(path).Descendants("testcase").Count();

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(elements - pytestFolds, file.Cases.Count);
        Assert.Equal(pytestFolds, file.Problems.Count(p => p.Contains("is written twice", StringComparison.Ordinal)));
        Assert.Equal(file.Cases.Count, file.Cases.Select(c => c.FullName).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task ReadAsync_JestSameTitleTwice_KeepsBothOutcomesAndNumbersTheSecond()
    {
        var file = await _reader.ReadAsync(TestData.Path("jest", "jest-repeated.junit.xml"), TestData.Timeout());

        Assert.Empty(file.Problems);
        Assert.Equal(TestOutcome.Passed, Outcome(file, "agents api returns the agent list"));
        Assert.Equal(TestOutcome.Failed, Outcome(file, "agents api returns the agent list [2]"));
        Assert.Equal(TestOutcome.Skipped, Outcome(file, "agents api reconnects after close"));
        Assert.Equal(TestOutcome.Failed, Outcome(file, "agents api reconnects after close [2]"));
        Assert.Equal("Error: socket closed with 1011", file.Cases.Single(c => c.FullName == "agents api reconnects after close [2]").Message);
    }

    [Fact]
    public async Task ReadAsync_JestSuiteFailedToRun_KeepsBothOfJestJunitsCasesPerFile()
    {
        var file = await _reader.ReadAsync(TestData.Path("jest", "jest-repeated.junit.xml"), TestData.Timeout());

        // jest-junit writes a file that cannot run as two cases: the error, then the error object as a failure.
        Assert.Equal(TestOutcome.Error, Outcome(file, "Test suite failed to run.broken-import.test.js"));
        Assert.Equal(TestOutcome.Failed, Outcome(file, "Test suite failed to run.broken-import.test.js [2]"));
        Assert.Equal(TestOutcome.Error, Outcome(file, "Test suite failed to run.broken-config.test.js"));
        Assert.Equal(TestOutcome.Failed, Outcome(file, "Test suite failed to run.broken-config.test.js [2]"));
    }

    [Fact]
    public async Task ReadAsync_PytestFileCollectedTwice_NumbersTheSecondRunAndFoldsEachTeardownError()
    {
        var path = TestData.Path("pytest", "pytest-repeated.xml");

        var file = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(TestOutcome.Passed, Outcome(file, "test_repeated.test_status[dup0]"));
        Assert.Equal(TestOutcome.Passed, Outcome(file, "test_repeated.test_status[dup0] [2]"));
        Assert.Equal(TestOutcome.Failed, Outcome(file, "test_repeated.test_status[dup1] [2]"));
        Assert.Equal(TestOutcome.Skipped, Outcome(file, "test_repeated.test_skipped [2]"));
        Assert.Equal(TestOutcome.Error, Outcome(file, "test_repeated.test_fails_then_teardown_errors"));
        Assert.Equal(TestOutcome.Error, Outcome(file, "test_repeated.test_fails_then_teardown_errors [2]"));
        Assert.All(file.Problems, p => Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(path)}:\\d+:\\d+: ", p));
    }

    private static TestOutcome Outcome(ResultFile file, string fullName) => file.Cases.Single(c => c.FullName == fullName).Outcome;
}
