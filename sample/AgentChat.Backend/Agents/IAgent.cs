namespace AgentChat.Backend.Agents;

public sealed record ToolInfo(string Name, string Description);

/// <summary>What discovery and configuration show about an agent.</summary>
public sealed record AgentInfo(string Id, string Name, string Description, IReadOnlyList<ToolInfo> Tools, IReadOnlyList<string> HandoffTargets);

/// <summary>
/// A deterministic agent. It reports progress only through <see cref="RunContext"/> (thinking,
/// tool calls, handoffs, partial answer); the runner owns the first and the terminal event.
/// What clients read about it (name, description, tool descriptions) comes from
/// <c>agents.def</c>; the tools and handoffs it declares here are checked against that file.
/// </summary>
public interface IAgent
{
    string AgentId { get; }

    IReadOnlyList<string> ToolNames { get; }

    IReadOnlyList<string> HandoffTargets { get; }

    Task RunAsync(RunContext run, string input, CancellationToken cancellationToken);
}
