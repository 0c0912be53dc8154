using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Core.Tests.Results;

/// <summary>The dotnet runner's pair: MTP's TRX and xunit v3's report, from the same project.</summary>
public sealed class ResultMergeTests
{
    [Fact]
    public async Task WithTraits_MtpTrxAndXunitReport_AddsTraitsTheTrxLacks()
    {
        var trx = await new TrxResultReader().ReadAsync(TestData.Path("xunit3", "xunit3.mtp.trx"), TestData.Timeout());
        var report = await new XunitReportReader().ReadAsync(TestData.Path("xunit3", "xunit3.xunit.xml"), TestData.Timeout());

        var merged = ResultMerge.WithTraits(trx, report);

        Assert.True(merged.IsComplete);
        Assert.Equal("trx", merged.Format);
        Assert.Equal(7, merged.Cases.Count);
        var login = merged.Cases.Single(c => c.Name == "Login_ValidUser_ReturnsToken");
        Assert.Equal(new Dictionary<string, string> { ["Priority"] = "P1", ["Category"] = "Chat" }, login.Traits);
        Assert.Equal(trx.Cases.Single(c => c.Name == "Login_ValidUser_ReturnsToken").Started, login.Started); // TRX window kept
        Assert.Equal("P3", merged.Cases.Single(c => c.Outcome == TestOutcome.Skipped).Traits["Priority"]);
        Assert.Empty(merged.Cases.Single(c => c.Name == "Throws_Unexpected").Traits);
    }

    [Fact]
    public async Task WithTraits_ReportWithTestsAndErrorsTheTrxLacks_KeepsThemAsProblems()
    {
        var trx = await new TrxResultReader().ReadAsync(TestData.Path("xunit3", "xunit3.mtp.trx"), TestData.Timeout());
        var report = await new XunitReportReader().ReadAsync(TestData.Path("xunit3", "xunit3-cleanup-error.xunit.xml"), TestData.Timeout());

        var merged = ResultMerge.WithTraits(trx, report);

        Assert.Equal(7, merged.Cases.Count);
        Assert.Equal(2, merged.Problems.Count);
        Assert.Contains(merged.Problems, p => p.Contains("test-class-cleanup", StringComparison.Ordinal));
        Assert.Contains(merged.Problems, p => p.Contains("1 test(s) in the xunit report are missing from", StringComparison.Ordinal));
    }
}
