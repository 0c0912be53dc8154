namespace AgentChat.Backend.Agents;

/// <summary>A tool failed; the run ends with <c>agent_error</c> code <c>tool_failed</c>.</summary>
public sealed class ToolFailedException(string toolName, string reason)
    : Exception($"tool {toolName} failed: {reason}")
{
    public string ToolName => toolName;
}
