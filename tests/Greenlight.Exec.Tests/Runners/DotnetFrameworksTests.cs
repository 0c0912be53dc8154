using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Runners;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.Runners.RunnerTestData;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Runners;

/// <summary>Private copies of the NUnit (VSTest), MSTest (MSTest.Sdk, Microsoft.Testing.Platform) and TUnit suites, built once each by one runner.</summary>
public sealed class DotnetFrameworksFixture
{
    public DotnetFrameworksFixture()
    {
        Runner = new DotnetTestRunner(new ChildProcess(new SecretRedactor(), TimeProvider.System), ResultReaders.CreateDefault().Readers);
        Projects = new Dictionary<string, string>
        {
            ["nunit-vstest"] = Path.Combine(Copy("nunit-vstest"), "NUnitSuite.Tests.csproj"),
            ["mstest-mtp"] = Path.Combine(Copy("mstest-mtp"), "MSTestSuite.Tests.csproj"),
            ["tunit-mtp"] = Path.Combine(Copy("tunit-mtp"), "TUnitSuite.Tests.csproj"),
        };
    }

    public DotnetTestRunner Runner { get; }

    public IReadOnlyDictionary<string, string> Projects { get; }

    public string Root(string suite) => Path.GetDirectoryName(Projects[suite])!;
}

/// <summary>
/// The dotnet runner on the frameworks besides xunit v3, each with the real framework from NuGet:
/// NUnit through VSTest (<c>dotnet test</c>), MSTest and TUnit on Microsoft.Testing.Platform.
/// </summary>
public sealed class DotnetFrameworksTests(DotnetFrameworksFixture fixture) : IClassFixture<DotnetFrameworksFixture>
{
    public static TheoryData<string, string, string> Suites => new()
    {
        { "nunit-vstest", "Priority=P1", "NUnitSuite.CheckoutTests" },
        { "mstest-mtp", "TestCategory=golden-path", "MSTestSuite.CheckoutTests" },
        { "tunit-mtp", "Priority=P1", "TUnitSuite.CheckoutTests" },
    };

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task RunAsync_NoFilter_EveryOutcomeFromTheTrxWithWindows(string suite, string filter, string className)
    {
        _ = filter;
        var result = await fixture.Runner.RunAsync(Suite("dotnet", fixture.Projects[suite]), Context(fixture.Root(suite)), Timeout(600));

        Assert.True(result.Problems.Count == 0, string.Join(" | ", result.Problems) + "\n" + File.ReadAllText(result.OutputPath!));
        Assert.Equal(
            [(className + ".Cart_Total_IsWrong", TestOutcome.Failed), (className + ".Environment_ServiceUrl_Passed", TestOutcome.Passed),
             (className + ".Login_ValidUser_Succeeds", TestOutcome.Passed), (className + ".Refund_Later_Skipped", TestOutcome.Skipped)],
            result.Cases.Select(c => (c.FullName, c.Outcome)).OrderBy(c => c.FullName, StringComparer.Ordinal));
        Assert.All(result.Cases.Where(c => c.Outcome != TestOutcome.Skipped), c => Assert.True(c.Started is not null && c.Ended >= c.Started, c.FullName));
        Assert.Equal([Path.Combine(Path.GetDirectoryName(result.OutputPath)!, "results", "results.trx")], result.ResultFiles);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task RunAsync_Filter_OnlyThoseTestsRanAndPassed(string suite, string filter, string className)
    {
        var result = await fixture.Runner.RunAsync(Suite("dotnet", fixture.Projects[suite], filter: filter), Context(fixture.Root(suite)), Timeout(600));

        Assert.True(result.Problems.Count == 0, string.Join(" | ", result.Problems));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal([className + ".Environment_ServiceUrl_Passed", className + ".Login_ValidUser_Succeeds"],
            result.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal));
        Assert.All(result.Cases, c => Assert.Equal(TestOutcome.Passed, c.Outcome));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task RunAsync_OneTestOfARetry_OnlyThatTestRan(string suite, string filter, string className)
    {
        _ = filter;
        var only = Suite("dotnet", fixture.Projects[suite]) with { OnlyTest = className + ".Cart_Total_IsWrong" };

        var result = await fixture.Runner.RunAsync(only, Context(fixture.Root(suite)), Timeout(600));

        var single = Assert.Single(result.Cases);
        Assert.Equal((className + ".Cart_Total_IsWrong", TestOutcome.Failed), (single.FullName, single.Outcome));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task RunAsync_ShardSubset_RefusedNotRunWhole(string suite, string filter, string className)
    {
        _ = filter;
        var shard = Suite("dotnet", fixture.Projects[suite]) with { OnlyTests = [className + ".Login_ValidUser_Succeeds"] };

        var result = await fixture.Runner.RunAsync(shard, Context(fixture.Root(suite)), Timeout(600));

        // Selecting a list of tests is done for xunit v3 only: these platforms say so instead of running every test.
        Assert.Empty(result.Cases);
        Assert.Contains(result.Problems, p => p.Contains("cannot run a shard's subset of its tests: only xunit v3 suites can be sharded", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public async Task ListAsync_Filter_ListsThoseTests(string suite, string filter, string className)
    {
        _ = className;
        var listing = await fixture.Runner.ListAsync(Suite("dotnet", fixture.Projects[suite], filter: filter), Context(fixture.Root(suite)), Timeout(600));

        Assert.Empty(listing.Problems);
        // Each framework lists by its own display name: the method name, or with its class.
        Assert.Equal(["Environment_ServiceUrl_Passed", "Login_ValidUser_Succeeds"], listing.Tests.Select(t => t.Split('.')[^1]).Order(StringComparer.Ordinal));
    }
}
