namespace AgentChat.Backend.Agents;

/// <summary>
/// The agents this backend serves, by id: each implementation bound to its block of
/// <c>agents.def</c>. Built at start; a file that does not match the code (an agent missing on
/// either side, other tools or handoffs) stops the backend with the file and line.
/// </summary>
public sealed class AgentCatalog
{
    private readonly Dictionary<string, (IAgent Agent, AgentInfo Info)> _agents;

    public AgentCatalog(Catalog catalog, string file, IReadOnlyList<AgentDefinition> definitions)
    {
        var dataHelper = new DataHelperAgent();
        var researcher = new ResearcherAgent(catalog);
        IAgent[] all = [dataHelper, researcher, new TriageAgent(dataHelper, researcher), new FailingToolAgent()];
        _agents = new(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var agent = all.SingleOrDefault(a => a.AgentId == definition.Id)
                ?? throw new AgentDefinitionException(file, definition.Line, $"agent '{definition.Id}' has no implementation in this backend");
            if (!agent.ToolNames.SequenceEqual(definition.Tools.Select(t => t.Name)) || !agent.HandoffTargets.SequenceEqual(definition.HandoffTargets))
            {
                throw new AgentDefinitionException(file, definition.Line,
                    $"agent '{definition.Id}' is defined with tools [{string.Join(", ", definition.Tools.Select(t => t.Name))}] and handoffs [{string.Join(", ", definition.HandoffTargets)}], "
                    + $"its implementation uses tools [{string.Join(", ", agent.ToolNames)}] and handoffs [{string.Join(", ", agent.HandoffTargets)}]");
            }

            _agents[definition.Id] = (agent, definition.ToInfo());
        }

        if (all.FirstOrDefault(a => !_agents.ContainsKey(a.AgentId)) is { } undefined)
        {
            throw new AgentDefinitionException(file, 1, $"no definition for agent '{undefined.AgentId}'");
        }
    }

    /// <summary>Reads and binds the definitions file (see <see cref="AgentDefinitionParser"/>).</summary>
    public static AgentCatalog Load(Catalog catalog, string file) =>
        new(catalog, file, AgentDefinitionParser.Parse(file, File.ReadAllText(file)));

    public IEnumerable<AgentInfo> All => _agents.Values.Select(a => a.Info).OrderBy(a => a.Id, StringComparer.Ordinal);

    public IAgent? Find(string? id) => id is not null && _agents.TryGetValue(id, out var agent) ? agent.Agent : null;

    public AgentInfo? Describe(string? id) => id is not null && _agents.TryGetValue(id, out var agent) ? agent.Info : null;
}
