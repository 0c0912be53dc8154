using AgentChat.Common.Faults;

namespace AgentChat.Backend;

/// <summary>Backend settings from the environment (see sample/PROTOCOL.md).</summary>
public sealed record BackendOptions(
    TimeSpan ThinkTime,
    int MaxConnections,
    Uri? AuthUrl,
    string Environment,
    FaultSwitches Faults)
{
    public const int MaxFrameBytes = 64 * 1024;

    public static readonly TimeSpan DefaultAuthDeadline = TimeSpan.FromSeconds(3);

    /// <summary>The agent definitions read at start (AGENTCHAT_AGENTS_FILE; default: agents.def next to the dll).</summary>
    public string AgentsFile { get; init; } = Path.Combine(AppContext.BaseDirectory, "agents.def");

    /// <summary>How long a socket may stay unauthenticated, close handshake included (AGENTCHAT_AUTH_DEADLINE_MS).</summary>
    public TimeSpan AuthDeadline { get; init; } = DefaultAuthDeadline;

    public static (BackendOptions Options, string? Error) From(IConfiguration configuration, FaultSwitches faults)
    {
        var thinkMs = configuration.GetValue("AGENTCHAT_THINK_MS", 150);
        var max = configuration.GetValue("AGENTCHAT_MAX_CONNECTIONS", 10_000);
        var deadlineMs = configuration.GetValue("AGENTCHAT_AUTH_DEADLINE_MS", (int)DefaultAuthDeadline.TotalMilliseconds);
        var authUrl = configuration["AGENTCHAT_AUTH_URL"];
        Uri? auth = null;
        string? error = null;
        if (thinkMs is < 0 or > 60_000)
        {
            error = "AGENTCHAT_THINK_MS must be between 0 and 60000";
        }
        else if (max < 1)
        {
            error = "AGENTCHAT_MAX_CONNECTIONS must be at least 1";
        }
        else if (deadlineMs is < 100 or > 60_000)
        {
            error = "AGENTCHAT_AUTH_DEADLINE_MS must be between 100 and 60000";
        }
        else if (!string.IsNullOrWhiteSpace(authUrl) && !Uri.TryCreate(authUrl, UriKind.Absolute, out auth))
        {
            error = "AGENTCHAT_AUTH_URL must be an absolute URL";
        }

        var environment = configuration["ASPNETCORE_ENVIRONMENT"];
        var options = new BackendOptions(
            TimeSpan.FromMilliseconds(Math.Clamp(thinkMs, 0, 60_000)),
            Math.Max(1, max),
            auth,
            string.IsNullOrEmpty(environment) ? "staging" : environment,
            faults)
        {
            AuthDeadline = TimeSpan.FromMilliseconds(Math.Clamp(deadlineMs, 100, 60_000)),
        };
        if (configuration["AGENTCHAT_AGENTS_FILE"] is { Length: > 0 } agentsFile)
        {
            options = options with { AgentsFile = Path.GetFullPath(agentsFile) };
        }

        return (options, error);
    }
}
