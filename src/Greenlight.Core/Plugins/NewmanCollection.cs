using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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
public static partial class NewmanCollection
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
        var (collection, items) = Read(collectionPath);
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
    /// The checks the collection's test scripts define, named as newman's JUnit report names them
    /// (<c>ItemsGetItem.status is 200</c>): <c>pm.test("…", …)</c> and the old <c>tests["…"] = …</c>
    /// with a literal name. A check whose name is computed at run time cannot be listed and is left out.
    /// </summary>
    public static IReadOnlyList<string> Checks(string collectionPath)
    {
        var (_, items) = Read(collectionPath);
        var checks = new List<string>();
        Checks(items, [], checks);
        return checks;
    }

    private static void Checks(JsonArray items, List<string> parents, List<string> checks)
    {
        foreach (var item in items.OfType<JsonObject>())
        {
            var name = item["name"] is JsonValue nameValue && nameValue.TryGetValue<string>(out var n) && n.Length > 0 ? n
                : item["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id) ? id : "";
            if (item["item"] is JsonArray children)
            {
                Checks(children, [.. parents, name], checks);
                continue;
            }

            var className = ClassName(string.Join(" / ", [.. parents, name]));
            foreach (var script in TestScripts(item))
            {
                foreach (Match match in CheckName().Matches(script))
                {
                    checks.Add(className + "." + Regex.Unescape(match.Groups["name"].Value));
                }
            }
        }
    }

    private static IEnumerable<string> TestScripts(JsonObject item)
    {
        foreach (var e in (item["event"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (e["listen"]?.GetValueKind() != JsonValueKind.String || e["listen"]!.GetValue<string>() != "test" || e["script"] is not JsonObject script)
            {
                continue;
            }

            yield return script["exec"] switch
            {
                JsonArray lines => string.Join("\n", lines.Select(l => l?.GetValueKind() == JsonValueKind.String ? l.GetValue<string>() : "")),
                JsonValue text when text.TryGetValue<string>(out var s) => s,
                _ => "",
            };
        }
    }

    /// <summary>
    /// The class name newman's JUnit reporter gives a request's checks: lodash's
    /// <c>upperFirst(camelCase(path))</c> without non-word characters. Words are runs of letters or
    /// digits, split where lower case turns upper (<c>getItem</c>) and before the last capital of a
    /// capital run followed by lower case (<c>HTTPServer</c>); each is capitalised, the rest lower case.
    /// </summary>
    public static string ClassName(string fullName)
    {
        var name = new StringBuilder();
        foreach (Match word in Word().Matches(Deburr(fullName).Replace("'", "", StringComparison.Ordinal).Replace("\u2019", "", StringComparison.Ordinal)))
        {
            name.Append(char.ToUpperInvariant(word.Value[0])).Append(word.Value[1..].ToLowerInvariant());
        }

        return name.ToString();
    }

    // lodash's deburr: Latin-1 Supplement and Latin Extended-A letters to basic Latin, combining marks dropped.
    private static string Deburr(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Latin.TryGetValue(c, out var replacement))
            {
                plain.Append(replacement);
            }
            else if (c is not ((>= '\u0300' and <= '\u036f') or (>= '\ufe20' and <= '\ufe2f') or (>= '\u20d0' and <= '\u20ff')))
            {
                plain.Append(c);
            }
        }

        return plain.ToString();
    }

    private static readonly Dictionary<char, string> Latin = new (string Letters, string Plain)[]
    {
        ("ÀÁÂÃÄÅĀĂĄ", "A"), ("àáâãäåāăą", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ÐĎĐ", "D"), ("ðďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"), ("ìíîïĩīĭįı", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķĸ", "k"), ("ĹĻĽĿŁ", "L"), ("ĺļľŀł", "l"),
        ("ÑŃŅŇŊ", "N"), ("ñńņňŋ", "n"), ("ÒÓÔÕÖØŌŎŐ", "O"), ("òóôõöøōŏő", "o"), ("ŔŖŘ", "R"), ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"), ("śŝşšſ", "s"), ("ŢŤŦ", "T"), ("ţťŧ", "t"), ("ÙÚÛÜŨŪŬŮŰŲ", "U"), ("ùúûüũūŭůűų", "u"),
        ("Ŵ", "W"), ("ŵ", "w"), ("ÝŶŸ", "Y"), ("ýÿŷ", "y"), ("ŹŻŽ", "Z"), ("źżž", "z"),
        ("Æ", "Ae"), ("æ", "ae"), ("Þ", "Th"), ("þ", "th"), ("ß", "ss"), ("Ĳ", "IJ"), ("ĳ", "ij"), ("Œ", "Oe"), ("œ", "oe"), ("ŉ", "'n"),
    }.SelectMany(p => p.Letters.Select(c => (c, p.Plain))).ToDictionary(p => p.c, p => p.Plain);

    [GeneratedRegex(@"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{Nd}+|[\p{L}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"(?:pm\.test\(\s*|\btests\[\s*)(?<q>[""'`])(?<name>(?:\\.|(?!\k<q>)[^\\])*)\k<q>\s*[,\]]")]
    private static partial Regex CheckName();

    private static (JsonObject Collection, JsonArray Items) Read(string collectionPath)
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

        return (collection, items);
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
