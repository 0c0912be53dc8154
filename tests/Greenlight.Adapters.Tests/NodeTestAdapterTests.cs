using Greenlight.Adapters.Tests.Support;

namespace Greenlight.Adapters.Tests;

public sealed class NodeTestSuiteFixture : AdapterSuiteFixture
{
    protected override string TestData => "node-test-suite";

    protected override string Command =>
        "mkdir -p results && NODE_OPTIONS=\"$NODE_OPTIONS $GREENLIGHT_NODE_OPTIONS\" node --test --test-reporter=junit --test-reporter-destination=results/junit.xml test/";

    protected override string Results => "results/junit.xml";
}

public sealed class NodeTestAdapterTests(NodeTestSuiteFixture run) : IClassFixture<NodeTestSuiteFixture>
{
    // node's JUnit reporter names a case by its own name (classname "test"), so the header is that name.
    private const string TwoReads = "reads two items over http";
    private const string Create = "creates an item with fetch";
    private const string Top = "top level reads an item with fetch";

    [Fact]
    public void Run_HonestTests_EveryProxiedRequestCarriesItsTestsName() =>
        AdapterAssert.EveryRequestNamesItsTest(run, TwoReads, TwoReads, Create, Top);

    [Fact]
    public void Attribute_HonestTestsRunningConcurrently_EachCaseGetsItsOwnRequests() =>
        AdapterAssert.HonestCasesHaveTheirRequests(run.Attributed(), new Dictionary<string, int> { ["test." + TwoReads] = 2, ["test." + Create] = 1, ["test." + Top] = 1 });

    [Fact]
    public void Attribute_TestUsingAStub_NoTraffic() =>
        AdapterAssert.StubTestHasNoTraffic(run, run.Attributed(), "test.reads from a stub instead of the service");

    [Fact]
    public void Attribute_EmptyTest_NoTraffic() =>
        AdapterAssert.EmptyTestHasNoTraffic(run, run.Attributed(), "test.checks nothing");
}
