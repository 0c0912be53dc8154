using System.Security.Cryptography;
using Greenlight.Adapters.Tests.Support;
using Greenlight.Plugins;

namespace Greenlight.Adapters.Tests;

public sealed class NewmanSuiteFixture : AdapterSuiteFixture
{
    public byte[] OriginalHash { get; private set; } = [];
    public NewmanCollection.Tagged Tagged { get; private set; } = null!;
    public string CollectionPath => Path.Combine(Root, "items.postman_collection.json");

    protected override string TestData => "newman-suite";

    protected override string Command =>
        "node_modules/.bin/newman run tagged.postman_collection.json --env-var \"backendUrl=$GREENLIGHT_BACKEND_URL\" "
        + "--env-var \"stubUrl=$GREENLIGHT_STUB_URL\" -r junit --reporter-junit-export results/junit.xml";

    protected override string Results => "results/junit.xml";

    protected override void Prepare(string root)
    {
        OriginalHash = SHA256.HashData(File.ReadAllBytes(CollectionPath));
        Tagged = NewmanCollection.WriteTagged(CollectionPath, Path.Combine(root, "tagged.postman_collection.json"));
    }
}

public sealed class NewmanAdapterTests(NewmanSuiteFixture run) : IClassFixture<NewmanSuiteFixture>
{
    // newman's JUnit: one testsuite per request; its assertions' classname is the request's
    // folder path and name in upper camel case, and the header carries that classname.
    private const string GetItem = "ItemsGetItem";
    private const string GetAnother = "ItemsMoreGetAnotherItem";
    private const string Create = "CreateItem";

    [Fact]
    public void Run_TaggedCopy_EveryProxiedRequestCarriesItsAssertionsClassName() =>
        AdapterAssert.EveryRequestNamesItsTest(run, GetItem, GetAnother, Create);

    [Fact]
    public void Attribute_ByClassName_EveryAssertionOfARequestSharesIt()
    {
        // The existing rule knows Name and FullName only; a newman runner has to add ClassName.
        var attributed = run.Attributed(c => [c.Name, c.FullName, c.ClassName]);

        AdapterAssert.HonestCasesHaveTheirRequests(attributed, new Dictionary<string, int>
        {
            [GetItem + ".status is 200"] = 1,
            [GetItem + ".name is item-1"] = 1,
            [GetAnother + ".status is 200"] = 1,
            [Create + ".status is 201"] = 1,
        });
        Assert.Equal("/items/1", Assert.Single(attributed[GetItem + ".status is 200"]).Path);
    }

    [Fact]
    public void Attribute_RequestSentToAStub_ItsAssertionsHaveNoTraffic()
    {
        var attributed = run.Attributed(c => [c.Name, c.FullName, c.ClassName]);

        AdapterAssert.StubTestHasNoTraffic(run, attributed, "StubItem.status is 200");
        // An assertion that checks nothing, on the stub's request: no traffic either.
        AdapterAssert.EmptyTestHasNoTraffic(run, attributed, "StubItem.checks nothing");
    }

    [Fact]
    public void WriteTagged_UsersCollection_LeftUnchangedAndRequestsListedByFullName()
    {
        Assert.Equal(run.OriginalHash, SHA256.HashData(File.ReadAllBytes(run.CollectionPath)));
        Assert.Equal(["Items / Get item", "Items / More / Get another item", "Create item", "Stub item"], run.Tagged.Requests);
    }
}
