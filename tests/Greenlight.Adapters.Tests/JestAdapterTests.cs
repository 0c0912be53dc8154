using Greenlight.Adapters.Tests.Support;
using Greenlight.Results;

namespace Greenlight.Adapters.Tests;

public sealed class JestSuiteFixture : AdapterSuiteFixture
{
    protected override string TestData => "jest-suite";

    // jest-junit is the results file Greenlight reads; --json is written too, to check both name alike.
    protected override string Command =>
        "JEST_JUNIT_OUTPUT_DIR=results node_modules/.bin/jest --ci --testTimeout=30000 --maxWorkers=2 --setupFilesAfterEnv \"$GREENLIGHT_JEST_SETUP\" "
        + "--reporters=default --reporters=jest-junit --json --outputFile=results/jest.json";

    protected override string Results => "results/junit.xml";
}

public sealed class JestAdapterTests(JestSuiteFixture run) : IClassFixture<JestSuiteFixture>
{
    private const string TwoReads = "items read reads two items over http";
    private const string Create = "items creates an item with fetch";
    private const string Top = "top level reads an item with fetch";

    [Fact]
    public void Run_HonestTests_EveryProxiedRequestCarriesItsTestsFullName() =>
        AdapterAssert.EveryRequestNamesItsTest(run, TwoReads, TwoReads, Create, Top);

    [Fact]
    public void Attribute_HonestTests_EachCaseGetsItsOwnRequests() =>
        AdapterAssert.HonestCasesHaveTheirRequests(run.Attributed(), new Dictionary<string, int> { [TwoReads] = 2, [Create] = 1, [Top] = 1 });

    [Fact]
    public void Attribute_TestUsingAStub_NoTraffic() =>
        AdapterAssert.StubTestHasNoTraffic(run, run.Attributed(), "items reads from a stub instead of the service");

    [Fact]
    public void Attribute_EmptyTest_NoTraffic() =>
        AdapterAssert.EmptyTestHasNoTraffic(run, run.Attributed(), "items checks nothing");

    [Fact]
    public async Task ReadAsync_JestJsonReport_NamesCasesAsJestJunitDoes()
    {
        var json = await ResultReaders.CreateDefault().ReadAsync(Path.Combine(run.Root, "results", "jest.json"), TestContext.Current.CancellationToken);

        Assert.Equal(5, json.Cases.Count);
        Assert.Equal(run.Result.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal), json.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal));
    }
}
