namespace AgentChat.Backend.Api;

public sealed record CreateThreadRequest(string? Title);

public sealed record AgentSummary(string Id, string Name, string Description, IReadOnlyList<ToolSummary> Tools);

public sealed record ToolSummary(string Name, string Description);

public sealed record AgentConfiguration(string Id, string Name, string Description, IReadOnlyList<ToolSummary> Tools, int ThinkMs, IReadOnlyList<string> HandoffTargets);
