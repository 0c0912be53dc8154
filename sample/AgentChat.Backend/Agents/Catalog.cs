using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentChat.Backend.Agents;

public sealed record CatalogEntry(string Id, string Title, string Topic, IReadOnlyList<string> Keywords, string Summary);

/// <summary>
/// The <c>search_catalog</c> tool over the catalogue bundled in the assembly. Ranking is plain
/// term counting (keywords weigh double, ties broken by id) so results are deterministic.
/// </summary>
public sealed class Catalog(IReadOnlyList<CatalogEntry> entries)
{
    public const int MaxResults = 3;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "about", "what", "how", "why", "with", "does", "are", "can", "you", "tell", "find", "search", "please", "me", "is", "a", "an", "of", "to", "in", "on",
    };

    public IReadOnlyList<CatalogEntry> Entries => entries;

    public static Catalog LoadBundled()
    {
        using var stream = typeof(Catalog).Assembly.GetManifestResourceStream("AgentChat.catalog.json")
            ?? throw new InvalidOperationException("the bundled catalogue AgentChat.catalog.json is missing from the assembly");
        var items = JsonSerializer.Deserialize<List<CatalogEntry>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return new Catalog(items ?? []);
    }

    public IReadOnlyList<CatalogEntry> Search(string query)
    {
        var terms = Terms(query);
        return [.. entries
            .Select(e => (Entry: e, Score: Score(e, terms)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Entry.Id, StringComparer.Ordinal)
            .Take(MaxResults)
            .Select(x => x.Entry)];
    }

    public static JsonNode ToJson(IReadOnlyList<CatalogEntry> matches) => new JsonObject
    {
        ["matches"] = new JsonArray([.. matches.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["title"] = m.Title, ["topic"] = m.Topic })]),
    };

    public static IReadOnlyList<string> Terms(string query) =>
        [.. query.ToLowerInvariant()
            .Split((char[])[' ', ',', '.', '?', '!', ';', ':', '"', '\'', '(', ')', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.Length >= 2 && !StopWords.Contains(t))
            .Distinct()];

    private static int Score(CatalogEntry entry, IReadOnlyList<string> terms)
    {
        var text = $"{entry.Title} {entry.Summary} {entry.Topic}".ToLowerInvariant();
        return terms.Sum(t => (entry.Keywords.Any(k => k.Contains(t, StringComparison.Ordinal)) ? 2 : 0) + (text.Contains(t, StringComparison.Ordinal) ? 1 : 0));
    }
}
