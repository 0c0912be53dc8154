using System.Text.Json.Nodes;
using Greenlight.Plugins;

namespace Greenlight.Adapters.Tests;

public sealed class NewmanCollectionTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("greenlight-newman-").FullName;

    [Fact]
    public void WriteTagged_V1Export_ThrowsNamingTheFile()
    {
        var path = Path.Combine(_root, "old.json");
        File.WriteAllText(path, """{"id":"x","name":"v1","requests":[]}""");

        var error = Assert.Throws<InvalidDataException>(() => NewmanCollection.WriteTagged(path, Path.Combine(_root, "out.json")));

        Assert.Equal($"{path}: not a Postman collection v2.0/v2.1 (no \"item\" array)", error.Message);
    }

    [Fact]
    public void WriteTagged_UserHasCollectionScripts_OursRunsFirstAndTheirsKept()
    {
        var path = Path.Combine(_root, "c.json");
        File.WriteAllText(path, """
            {"info":{"name":"c"},"event":[{"listen":"test","script":{"exec":["mine()"]}}],
             "item":[{"id":"r1","name":"Ping","request":{"method":"GET","url":"http://127.0.0.1:9/"}}]}
            """);

        var tagged = NewmanCollection.WriteTagged(path, Path.Combine(_root, "out", "tagged.json"));

        var events = JsonNode.Parse(File.ReadAllText(tagged.Path))!["event"]!.AsArray();
        Assert.Equal(["prerequest", "test"], events.Select(e => e!["listen"]!.GetValue<string>()));
        Assert.Contains("  var paths = {\"r1\":\"Ping\"};", events[0]!["script"]!["exec"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(["Ping"], tagged.Requests);
    }
}
