namespace AgentChat.Common.Faults;

/// <summary>The incidents of REFERENCE.md §4 that a service can replay on purpose.</summary>
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
