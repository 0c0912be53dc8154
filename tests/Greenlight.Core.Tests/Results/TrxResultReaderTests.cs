using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>TRX from VSTest (xunit v2), MTP --report-trx and xunit v3 --report-xunit-trx; see TestData/README.md.</summary>
public sealed class TrxResultReaderTests
{
    private readonly TrxResultReader _reader = new();

    [Theory]
    [InlineData("xunit3", "xunit3.mtp.trx")]
    [InlineData("xunit3", "xunit3.xunit.trx")]
    public async Task ReadAsync_XunitV3Trx_CountsResultElements(string producer, string file)
    {
        var result = await _reader.ReadAsync(TestData.Path(producer, file), TestData.Timeout());

        Assert.True(result.IsComplete);
        Assert.Equal("trx", result.Format);
        Assert.Equal(7, result.Cases.Count);
        Assert.Equal(3, result.Cases.Count(c => c.Outcome == TestOutcome.Passed));
        Assert.Equal(3, result.Cases.Count(c => c.Outcome == TestOutcome.Failed));
        var skipped = Assert.Single(result.Cases, c => c.Outcome == TestOutcome.Skipped);
        Assert.Equal("backend not deployed", skipped.Message); // from StdOut in both
        Assert.All(result.Cases, c => Assert.Equal("Corpus.Xunit3.AgentTests", c.ClassName));
    }

    [Fact]
    public async Task ReadAsync_MtpTrx_GivesTimeWindowsAndTheCategoryProperty()
    {
        var result = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3.mtp.trx"), TestData.Timeout());

        var login = result.Cases.Single(c => c.FullName == "Corpus.Xunit3.AgentTests.Login_ValidUser_ReturnsToken");
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T11:28:01.0091419+00:00", System.Globalization.CultureInfo.InvariantCulture), login.Started);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T11:28:01.0332906+00:00", System.Globalization.CultureInfo.InvariantCulture), login.Ended);
        Assert.Equal(TimeSpan.Parse("00:00:00.0232729", System.Globalization.CultureInfo.InvariantCulture), login.Duration);
        Assert.Equal("POST /auth/login -> 200\n", login.Output);
        // MTP's TRX keeps only the Category trait; Priority needs the xunit report (ResultMerge).
        Assert.Equal(new Dictionary<string, string> { ["Category"] = "Chat" }, login.Traits);
    }

    [Fact]
    public async Task ReadAsync_XunitTrx_OutputFromTextMessagesAndFailureFromErrorInfo()
    {
        var result = await _reader.ReadAsync(TestData.Path("xunit3", "xunit3.xunit.trx"), TestData.Timeout());

        var failed = result.Cases.Single(c => c.Name == "Discovery_ListsAgents_Fails");
        Assert.Equal("GET /api/agents -> 500", failed.Output);
        Assert.Equal("Assert.Equal() Failure: Strings differ", failed.Message);
        Assert.StartsWith("   at Corpus.Xunit3.AgentTests.Discovery_ListsAgents_Fails()", failed.StackTrace, StringComparison.Ordinal);
        Assert.Contains(result.Cases, c => c.FullName == "Corpus.Xunit3.AgentTests.Double_Values(value: 3, expected: 7)");
        Assert.All(result.Cases, c => Assert.NotNull(c.Started));
    }

    [Fact]
    public async Task ReadAsync_VstestTrx_SkipReasonFromErrorInfoAndCountersIgnored()
    {
        var result = await _reader.ReadAsync(TestData.Path("xunit2", "xunit2.vstest.trx"), TestData.Timeout());

        Assert.True(result.IsComplete);
        Assert.Equal(5, result.Cases.Count);
        var skipped = Assert.Single(result.Cases, c => c.Outcome == TestOutcome.Skipped); // the counters say notExecuted="0"
        Assert.Equal("backend not deployed", skipped.Message);
        Assert.Equal("Corpus.Xunit2.AgentTests.Skipped_NotDeployed", skipped.FullName);
        Assert.Equal("POST /auth/login -> 200", result.Cases.Single(c => c.Name == "Login_ValidUser_ReturnsToken").Output);
        Assert.Equal(2, result.Cases.Count(c => c.Outcome == TestOutcome.Failed));
    }

    [Fact]
    public async Task ReadAsync_TruncatedTrx_KeepsResultsBeforeTheCut()
    {
        var path = TestData.Path("regression", "xunit3-mtp-truncated.trx");

        var result = await _reader.ReadAsync(path, TestData.Timeout());

        Assert.Equal(4, result.Cases.Count);
        Assert.All(result.Cases, c => Assert.Equal("", c.ClassName));
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"{path}: malformed or truncated XML at line ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Passed", TestOutcome.Passed)]
    [InlineData("Failed", TestOutcome.Failed)]
    [InlineData("NotExecuted", TestOutcome.Skipped)]
    [InlineData("Timeout", TestOutcome.Error)]
    [InlineData("Aborted", TestOutcome.Error)]
    [InlineData("Inconclusive", TestOutcome.Error)]
    public void MapOutcome_TrxOutcome_MapsToModel(string outcome, TestOutcome expected) =>
        Assert.Equal(expected, TrxResultReader.MapOutcome(outcome));
}
