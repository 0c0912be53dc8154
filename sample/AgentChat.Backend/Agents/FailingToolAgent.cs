using System.Text.Json.Nodes;

namespace AgentChat.Backend.Agents;

/// <summary>Calls a tool that always fails: the run must end in <c>agent_error</c>, the socket stay open.</summary>
public sealed class FailingToolAgent : IAgent
{
    public const string Id = "failing-tool";
    public const string ToolName = "always_fails";

    public string AgentId => Id;

    public IReadOnlyList<string> ToolNames { get; } = [ToolName];

    public IReadOnlyList<string> HandoffTargets { get; } = [];

    public async Task RunAsync(RunContext run, string input, CancellationToken cancellationToken)
    {
        await run.ThinkAsync("Looking the request up in the external service.", cancellationToken);
        await run.CallToolAsync(
            ToolName,
            new JsonObject { ["query"] = input },
            _ => throw new InvalidOperationException("lookup service unavailable (simulated tool failure)"),
            cancellationToken);
    }
}
