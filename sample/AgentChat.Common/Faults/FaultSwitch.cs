namespace AgentChat.Common.Faults;

/// <summary>The incidents a service can replay on purpose, each through the code path it names (sample/README.md).</summary>
[Flags]
public enum FaultSwitch
{
    None = 0,
    WsRecursion = 1,
    RejectPendingAuth = 2,
    StartupCrash = 4,
    UnwiredPipeline = 8,
    SlowDb = 16,
    DropUpgrade = 32,
}
