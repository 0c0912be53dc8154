namespace AgentChat.Tests.Support;

// One fixture type per fault: each test class gets its own pair of processes with that switch on.
public sealed class WsRecursionPlatform() : PlatformFixture("ws-recursion", null);

public sealed class RejectPendingAuthPlatform() : PlatformFixture("reject-pending-auth", null);

public sealed class UnwiredPipelinePlatform() : PlatformFixture("unwired-pipeline", null);

public sealed class SlowDbPlatform() : PlatformFixture("slow-db", null);

public sealed class DropUpgradePlatform() : PlatformFixture("drop-upgrade", null);

public sealed class CappedPlatform() : PlatformFixture(null, new Dictionary<string, string>
{
    ["AGENTCHAT_MAX_CONNECTIONS"] = "2",
    ["AGENTCHAT_AUTH_DEADLINE_MS"] = CappedPlatform.AuthDeadlineMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    /// <summary>Long enough to connect a real user while silent sockets are pending, short enough to wait for.</summary>
    public const int AuthDeadlineMs = 4000;
}

public sealed class DatabaseLossPlatform() : PlatformFixture(null, null);
