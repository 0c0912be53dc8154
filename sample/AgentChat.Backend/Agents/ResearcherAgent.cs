using System.Text.Json.Nodes;

namespace AgentChat.Backend.Agents;

/// <summary>Searches the bundled catalogue and answers with the best matches.</summary>
public sealed class ResearcherAgent(Catalog catalog) : IAgent
{
    public const string Id = "researcher";

    public string AgentId => Id;

    public IReadOnlyList<string> ToolNames { get; } = ["search_catalog"];

    public IReadOnlyList<string> HandoffTargets { get; } = [];

    public async Task RunAsync(RunContext run, string input, CancellationToken cancellationToken)
    {
        await run.ThinkAsync("Searching the catalogue for the request's key terms.", cancellationToken);
        var matches = catalog.Search(input);
        await run.CallToolAsync("search_catalog", new JsonObject { ["query"] = input }, _ => Catalog.ToJson(matches), cancellationToken);
        var answer = matches.Count == 0
            ? "No catalogue entry matches your request."
            : $"I found {matches.Count} catalogue {(matches.Count == 1 ? "entry" : "entries")}: "
              + string.Join("; ", matches.Select(m => $"{m.Title} ({m.Id}): {m.Summary}"));
        await run.StreamAsync(answer, cancellationToken);
    }
}
