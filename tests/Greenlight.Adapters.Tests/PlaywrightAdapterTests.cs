using Greenlight.Adapters.Tests.Support;

namespace Greenlight.Adapters.Tests;

public sealed class PlaywrightSuiteFixture : AdapterSuiteFixture
{
    protected override string TestData => "playwright-suite";

    protected override string Command => "NODE_OPTIONS=\"$NODE_OPTIONS $GREENLIGHT_NODE_OPTIONS\" node_modules/.bin/playwright test";

    protected override string Results => "results/junit.xml";
}

public sealed class PlaywrightAdapterTests(PlaywrightSuiteFixture run) : IClassFixture<PlaywrightSuiteFixture>
{
    // Playwright's JUnit reporter: name = titles below the file joined by " › ", classname = the file.
    private const string TwoReads = "items › reads two items";
    private const string Create = "items › creates an item";
    private const string Top = "top level reads an item";
    private const string File = "items.spec.js.";

    [Fact]
    public void Run_HonestTestsWithTheRequestFixture_EveryProxiedRequestCarriesItsTestsName() =>
        AdapterAssert.EveryRequestNamesItsTest(run, TwoReads, TwoReads, Create, Top);

    [Fact]
    public void Attribute_HonestTests_EachCaseGetsItsOwnRequests() =>
        AdapterAssert.HonestCasesHaveTheirRequests(run.Attributed(), new Dictionary<string, int> { [File + TwoReads] = 2, [File + Create] = 1, [File + Top] = 1 });

    [Fact]
    public void Attribute_TestUsingAStub_NoTraffic() =>
        AdapterAssert.StubTestHasNoTraffic(run, run.Attributed(), File + "items › reads from a stub instead of the service");

    [Fact]
    public void Attribute_EmptyTest_NoTraffic() =>
        AdapterAssert.EmptyTestHasNoTraffic(run, run.Attributed(), File + "items › checks nothing");
}
