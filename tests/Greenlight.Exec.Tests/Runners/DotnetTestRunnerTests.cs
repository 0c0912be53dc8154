using Greenlight.Model;
using Greenlight.Runners;
using static Greenlight.Exec.Tests.Runners.RunnerTestData;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Runners;

public sealed class DotnetTestRunnerTests(DotnetSuiteFixture suite) : IClassFixture<DotnetSuiteFixture>
{
    [Fact]
    public async Task ListAsync_PriorityFilter_ListsOnlyThoseTests()
    {
        var listing = await suite.Runner.ListAsync(Suite("dotnet", suite.Project, filter: "Priority=P1"), Context(suite.Root), Timeout(300));

        Assert.Empty(listing.Problems);
        Assert.Equal(
            ["SampleSuite.CheckoutTests.Environment_ServiceUrl_Passed", "SampleSuite.CheckoutTests.Login_ValidUser_Succeeds"],
            listing.Tests.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PriorityP1_PassedWithTraitsWindowsAndEnvironment()
    {
        var result = await suite.Runner.RunAsync(Suite("dotnet", suite.Project, filter: "Priority=P1"), Context(suite.Root), Timeout(300));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.Cases.Count);
        Assert.All(result.Cases, c => Assert.Equal(TestOutcome.Passed, c.Outcome));
        Assert.All(result.Cases, c => Assert.Equal("golden-path", c.Traits["Category"]));
        Assert.All(result.Cases, c => Assert.NotNull(c.Started));
        Assert.Equal(2, result.ResultFiles.Count);
    }

    [Fact]
    public async Task RunAsync_NoFilter_FailureAndSkipCountedExit2()
    {
        var result = await suite.Runner.RunAsync(Suite("dotnet", suite.Project), Context(suite.Root), Timeout(300));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Problems);
        Assert.Equal(
            [TestOutcome.Passed, TestOutcome.Passed, TestOutcome.Failed, TestOutcome.Skipped],
            result.Cases.Select(c => c.Outcome).OrderBy(o => o));
        Assert.Equal("P2", result.Cases.Single(c => c.Outcome == TestOutcome.Failed).Traits["Priority"]);
    }

    [Fact]
    public async Task RunAsync_FilterMatchesNothing_Exit8NoTestsRan()
    {
        var context = Context(suite.Root);

        var result = await suite.Runner.RunAsync(Suite("dotnet", suite.Project, filter: "Priority=P9"), context, Timeout(300));

        Assert.Equal(8, result.ExitCode);
        Assert.Empty(result.Cases);
        Assert.Contains("no tests ran (filter 'Priority=P9' matched nothing)", result.Problems);
        Assert.StartsWith("dotnet exec ", result.CommandLine, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(context.SuiteDirectory, "output.log")));
    }

    [Fact]
    public async Task RunAsync_OneTestOfARetry_OnlyThatTestRan()
    {
        var only = Suite("dotnet", suite.Project, filter: "Priority=P1") with { OnlyTest = "SampleSuite.CheckoutTests.Cart_Total_IsWrong" };

        var result = await suite.Runner.RunAsync(only, Context(suite.Root), Timeout(300));

        var single = Assert.Single(result.Cases);
        Assert.Equal(("SampleSuite.CheckoutTests.Cart_Total_IsWrong", TestOutcome.Failed), (single.FullName, single.Outcome));
    }

    [Fact]
    public void RunArguments_FilterAndArgs_ReportsInResultsFolderThenArgs()
    {
        var arguments = DotnetTestRunner.RunArguments("/b/S.dll", ["--filter-trait", "Priority=P1"], "/s/results", ["--max-threads", "1"]);

        Assert.Equal(
            ["exec", "/b/S.dll", "--filter-trait", "Priority=P1", "--report-xunit-trx", "--report-xunit-trx-filename", "results.trx",
             "--report-xunit", "--report-xunit-filename", "results.xunit.xml", "--results-directory", "/s/results", "--no-progress", "--no-ansi",
             "--max-threads", "1"],
            arguments);
    }
}
