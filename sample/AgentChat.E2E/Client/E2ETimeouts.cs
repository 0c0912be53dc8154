namespace AgentChat.E2E.Client;

/// <summary>
/// Every wait in the suite is bounded by one of these, so a broken deployment fails a test
/// within seconds instead of hanging it. Generous against a healthy deployment on loopback
/// (agent think time AGENTCHAT_THINK_MS = 150 ms per step; a whole run takes about a second;
/// agent_started follows execute_agent within milliseconds) so that a loaded machine does not
/// turn them into false failures.
/// </summary>
public static class E2ETimeouts
{
    /// <summary>One HTTP request, connect to last byte.</summary>
    public static readonly TimeSpan Http = TimeSpan.FromSeconds(15);

    /// <summary>WebSocket upgrade plus the server's connection_ready (or its close).</summary>
    public static readonly TimeSpan Connect = TimeSpan.FromSeconds(10);

    /// <summary>From sending execute_agent to the run's agent_started.</summary>
    public static readonly TimeSpan RunStart = TimeSpan.FromSeconds(5);

    /// <summary>From agent_started to the run's terminal event.</summary>
    public static readonly TimeSpan Run = TimeSpan.FromSeconds(20);

    /// <summary>A direct reply: pong, an error event, a close frame.</summary>
    public static readonly TimeSpan Reply = TimeSpan.FromSeconds(10);
}

/// <summary>The documented response-time bounds of T015 (never the only assertion of a test).</summary>
public static class ResponseTimeBounds
{
    /// <summary>Any single REST call on loopback (healthy: a few ms).</summary>
    public static readonly TimeSpan HttpCall = TimeSpan.FromSeconds(3);

    /// <summary>execute_agent to agent_started (healthy: a few ms; it precedes any think time).</summary>
    public static readonly TimeSpan FirstEvent = TimeSpan.FromSeconds(3);
}
