using Greenlight.Adapters.Tests.Support;

namespace Greenlight.Adapters.Tests;

public sealed class MochaSuiteFixture : AdapterSuiteFixture
{
    protected override string TestData => "mocha-suite";

    // Mocha's default 2 s per test is for unit tests; on a loaded machine a first request through the proxy can take longer.
    protected override string Command =>
        "node_modules/.bin/mocha --timeout 30000 --require \"$GREENLIGHT_MOCHA_REQUIRE\" --reporter json --reporter-option output=results/mocha.json 'test/*.spec.js'";

    protected override string Results => "results/mocha.json";
}

public sealed class MochaAdapterTests(MochaSuiteFixture run) : IClassFixture<MochaSuiteFixture>
{
    // The mocha reader splits fullTitle into describe path (ClassName) and title (Name): FullName "items read.reads…".
    private const string TwoReads = "items read.reads two items over http";
    private const string Create = "items.creates an item with fetch";
    private const string Top = "top level reads an item with fetch";

    [Fact]
    public void Run_HonestTests_EveryProxiedRequestCarriesItsTestsFullName() =>
        AdapterAssert.EveryRequestNamesItsTest(run, TwoReads, TwoReads, Create, Top);

    [Fact]
    public void Attribute_HonestTests_EachCaseGetsItsOwnRequests() =>
        AdapterAssert.HonestCasesHaveTheirRequests(run.Attributed(), new Dictionary<string, int> { [TwoReads] = 2, [Create] = 1, [Top] = 1 });

    [Fact]
    public void Attribute_TestUsingAStub_NoTraffic() =>
        AdapterAssert.StubTestHasNoTraffic(run, run.Attributed(), "items.reads from a stub instead of the service");

    [Fact]
    public void Attribute_EmptyTest_NoTraffic() =>
        AdapterAssert.EmptyTestHasNoTraffic(run, run.Attributed(), "items.checks nothing");
}
