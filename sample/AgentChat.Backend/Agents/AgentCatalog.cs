namespace AgentChat.Backend.Agents;

/// <summary>The agents this backend serves, by id.</summary>
public sealed class AgentCatalog
{
    private readonly Dictionary<string, IAgent> _agents;

    public AgentCatalog(Catalog catalog)
    {
        var dataHelper = new DataHelperAgent();
        var researcher = new ResearcherAgent(catalog);
        IAgent[] all = [dataHelper, researcher, new TriageAgent(dataHelper, researcher), new FailingToolAgent()];
        _agents = all.ToDictionary(a => a.Info.Id, StringComparer.Ordinal);
    }

    public IEnumerable<IAgent> All => _agents.Values.OrderBy(a => a.Info.Id, StringComparer.Ordinal);

    public IAgent? Find(string? id) => id is not null && _agents.TryGetValue(id, out var agent) ? agent : null;
}
