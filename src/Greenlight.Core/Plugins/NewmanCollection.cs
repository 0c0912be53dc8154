using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greenlight.Plugins;

/// <summary>
/// Makes a Postman collection tag its requests for the recording proxy: writes a copy (never the
/// user's file) with a collection-level pre-request script that sets <c>X-Greenlight-Test</c> on
/// every request to the <c>classname</c> newman's JUnit reporter gives that request's assertions.
/// newman's JUnit report has one <c>testsuite</c> per request, named by its folder path and name
/// (<c>Folder A / Get user</c>), whose <c>testcase</c>s are the request's <c>pm.test</c>
/// assertions with <c>classname</c> = that path in upper camel case (<c>FolderAGetUser</c>). The
/// result readers make that the case's ClassName, so a request tagged <c>FolderAGetUser</c> belongs
/// to every case of that class (docs/proof.md, "newman").
/// </summary>
public static class NewmanCollection
{
    public const string HeaderName = "X-Greenlight-Test";

    /// <summary>The copy written, and every request's full name (folder path / name) in collection order.</summary>
    public sealed record Tagged(string Path, IReadOnlyList<string> Requests);

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 512, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { MaxDepth = 512 };

    /// <summary>
    /// Reads the v2.0/v2.1 collection at <paramref name="collectionPath"/> and writes the tagged copy to
    /// <paramref name="outputPath"/>. Throws <see cref="InvalidDataException"/> when the file is not such
    /// a collection (a v1 export has no <c>item</c> array).
    /// </summary>
    public static Tagged WriteTagged(string collectionPath, string outputPath)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(collectionPath), documentOptions: ReadOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{collectionPath}: not JSON: {e.Message}", e);
        }

        if (root is not JsonObject collection || collection["item"] is not JsonArray items)
        {
            throw new InvalidDataException($"{collectionPath}: not a Postman collection v2.0/v2.1 (no \"item\" array)");
        }

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<string>();
        Walk(items, [], paths, requests);
        var events = collection["event"] as JsonArray ?? [];
        // First, so the header is set before the user's own collection-level scripts run.
        events.Insert(0, PreRequestEvent(paths));
        collection["event"] = events;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        File.WriteAllText(outputPath, collection.ToJsonString(WriteOptions));
        return new Tagged(outputPath, requests);
    }

    /// <summary>
    /// Gives every item an id when it has none (the script finds a request's folder path by id,
    /// which newman would otherwise make up at run time) and records each request's full name as
    /// newman's reporter forms it: parents' names (or ids) and the item's, joined by " / ".
    /// </summary>
    private static void Walk(JsonArray items, List<string> parents, Dictionary<string, string> paths, List<string> requests)
    {
        foreach (var node in items)
        {
            if (node is not JsonObject item) continue;
            if (item["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || id.Length == 0)
            {
                id = Guid.NewGuid().ToString();
                item["id"] = id;
            }

            var name = item["name"] is JsonValue nameValue && nameValue.TryGetValue<string>(out var n) && n.Length > 0 ? n : id;
            if (item["item"] is JsonArray children)
            {
                Walk(children, [.. parents, name], paths, requests);
                continue;
            }

            var fullName = string.Join(" / ", [.. parents, name]);
            paths[id] = fullName;
            requests.Add(fullName);
        }
    }

    // newman's reporter: _.upperFirst(_.camelCase(fullName).replace(/\W/g, '')) with lodash 4. The
    // sandbox's require('lodash') is lodash 4 too (its global _ is an older one, without upperFirst),
    // so the script forms the name the same way instead of C# imitating camelCase.
    private static JsonObject PreRequestEvent(Dictionary<string, string> paths)
    {
        string[] exec =
        [
            "// Added by Greenlight to its temporary copy of this collection: tells the recording proxy which request's tests this is.",
            "(function () {",
            "  var paths = " + JsonSerializer.Serialize(paths) + ";",
            "  var lodash = require('lodash');",
            "  var path = paths[pm.info.requestId] || pm.info.requestName;",
            "  pm.request.headers.upsert({ key: '" + HeaderName + "', value: lodash.upperFirst(lodash.camelCase(path).replace(/\\W/g, '')) });",
            "}());",
        ];
        return new JsonObject
        {
            ["listen"] = "prerequest",
            ["script"] = new JsonObject
            {
                ["type"] = "text/javascript",
                ["exec"] = new JsonArray([.. exec.Select(line => (JsonNode)JsonValue.Create(line)!)]),
            },
        };
    }
}
