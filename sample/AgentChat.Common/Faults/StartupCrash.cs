namespace AgentChat.Common.Faults;

/// <summary>
/// The <c>startup-crash</c> fault replays incident 3: a build that corrupted line endings made
/// the service die while loading an agent module, so every probe saw 503 or a refused connection.
/// </summary>
public static class StartupCrash
{
    public const string Message = "IndentationError: unexpected indent (data_helper_agent.py, line 74) while loading agent modules";
}
