using System.Globalization;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>xunit v3 3.2.2 --report-xunit files; see TestData/README.md.</summary>
public sealed class XunitReportReaderTests
{
    private readonly XunitReportReader _reader = new();

    [Fact]
    public async Task ReadAsync_XunitV3Report_CountsOutcomesAndKeepsEveryTrait()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3.xunit.xml"), TestData.Timeout());

        Assert.True(file.IsComplete);
        Assert.Equal("xunit", file.Format);
        Assert.Equal(7, file.Cases.Count);
        Assert.Equal([3, 3, 1, 0], [
            file.Cases.Count(c => c.Outcome == TestOutcome.Passed),
            file.Cases.Count(c => c.Outcome == TestOutcome.Failed),
            file.Cases.Count(c => c.Outcome == TestOutcome.Skipped),
            file.Cases.Count(c => c.Outcome == TestOutcome.Error)]);
        var login = file.Cases.Single(c => c.FullName == "Corpus.Xunit3.AgentTests.Login_ValidUser_ReturnsToken");
        Assert.Equal(new Dictionary<string, string> { ["Priority"] = "P1", ["Category"] = "Chat" }, login.Traits);
        Assert.Equal("POST /auth/login -> 200\n", login.Output);
        Assert.Equal("Math", file.Cases.Single(c => c.Name == "Double_Values(value: 1, expected: 2)").Traits["Category"]);
    }

    [Fact]
    public async Task ReadAsync_XunitV3Report_FillsTimeWindowsFromStartAndFinishRtf()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3.xunit.xml"), TestData.Timeout());

        var login = file.Cases.Single(c => c.Name == "Login_ValidUser_ReturnsToken");
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T11:26:58.7658006+00:00", CultureInfo.InvariantCulture), login.Started);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T11:26:58.7917087+00:00", CultureInfo.InvariantCulture), login.Ended);
        Assert.Equal(TimeSpan.FromSeconds(0.0243895), login.Duration);
        Assert.All(file.Cases, c => Assert.True(c.Ended >= c.Started));
    }

    [Fact]
    public async Task ReadAsync_XunitV3Report_SkipReasonAndFailureDetails()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3.xunit.xml"), TestData.Timeout());

        Assert.Equal("backend not deployed", file.Cases.Single(c => c.Outcome == TestOutcome.Skipped).Message);
        var thrown = file.Cases.Single(c => c.Name == "Throws_Unexpected");
        Assert.Equal(TestOutcome.Failed, thrown.Outcome); // xunit reports exceptions as Fail, never as an error
        Assert.Equal("System.InvalidOperationException : socket closed with 1011", thrown.Message);
        Assert.StartsWith("   at Corpus.Xunit3.AgentTests.Throws_Unexpected()", thrown.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_FixtureCleanupError_BecomesAProblem()
    {
        var file = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3-cleanup-error.xunit.xml"), TestData.Timeout());

        Assert.Equal(TestOutcome.Passed, Assert.Single(file.Cases).Outcome);
        var problem = Assert.Single(file.Problems);
        Assert.EndsWith("test-class-cleanup in Corpus.Xunit3.CleanupTests: Class fixture type 'Corpus.Xunit3.SchemaFixture' threw in Dispose", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pass", TestOutcome.Passed)]
    [InlineData("Fail", TestOutcome.Failed)]
    [InlineData("Skip", TestOutcome.Skipped)]
    [InlineData("NotRun", TestOutcome.Skipped)]
    [InlineData("Unknown", TestOutcome.Error)]
    public void MapResult_XunitResult_MapsToModel(string result, TestOutcome expected) =>
        Assert.Equal(expected, XunitReportReader.MapResult(result));
}
