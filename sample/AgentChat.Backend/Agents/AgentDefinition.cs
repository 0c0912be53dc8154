namespace AgentChat.Backend.Agents;

/// <summary>One agent as <c>agents.def</c> describes it; <see cref="Line"/> is where its block starts.</summary>
public sealed record AgentDefinition(string Id, string Name, string Description, IReadOnlyList<ToolInfo> Tools, IReadOnlyList<string> HandoffTargets, int Line)
{
    public AgentInfo ToInfo() => new(Id, Name, Description, Tools, HandoffTargets);
}
