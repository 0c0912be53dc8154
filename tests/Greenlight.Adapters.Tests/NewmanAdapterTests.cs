using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
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

    [Fact]
    public void Checks_Collection_ExactlyTheCasesNewmansReportHas()
    {
        Assert.Equal(
            run.Result.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal),
            NewmanCollection.Checks(run.CollectionPath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ClassName_AwkwardRequestNames_SameAsLodashInNewmansInstall()
    {
        // newman's reporter forms the class name with lodash; ask the lodash newman installed.
        string[] names =
        [
            "Items / Get item", "getItem by ID", "HTTPServer check", "Item 42 v2", "Don't / create (again)!",
            "users/{{id}} – détails", "XMLHttpRequest / JSON2XML", "a_b-c.d", "  spaced   out  ", "ÜberItem ärger", "Straße Œuvre Łódź Øl",
        ];
        var start = new ProcessStartInfo("node") { WorkingDirectory = run.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add("const _ = require('lodash'); const names = JSON.parse(process.argv[1]); "
            + "console.log(JSON.stringify(names.map(n => _.upperFirst(_.camelCase(n)).replace(/\\W/g, ''))));");
        start.ArgumentList.Add(JsonSerializer.Serialize(names));
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(node.ExitCode == 0, error);

        var lodash = JsonSerializer.Deserialize<string[]>(output)!;

        Assert.Equal(lodash, names.Select(NewmanCollection.ClassName));
    }
}
