namespace AgentChat.Common.Faults;

/// <summary>
/// The parsed value of <c>AGENTCHAT_FAULT</c>: a comma-separated list of switch names. Unknown
/// names are returned as an error (the service refuses to start) rather than ignored, so a typo
/// never silently runs a healthy service in a test that expects a broken one.
/// </summary>
public sealed record FaultSwitches(FaultSwitch Active, string? Error)
{
    public const string EnvironmentVariable = "AGENTCHAT_FAULT";

    private static readonly Dictionary<string, FaultSwitch> Names = new(StringComparer.Ordinal)
    {
        ["ws-recursion"] = FaultSwitch.WsRecursion,
        ["reject-pending-auth"] = FaultSwitch.RejectPendingAuth,
        ["startup-crash"] = FaultSwitch.StartupCrash,
        ["unwired-pipeline"] = FaultSwitch.UnwiredPipeline,
        ["slow-db"] = FaultSwitch.SlowDb,
        ["drop-upgrade"] = FaultSwitch.DropUpgrade,
    };

    public static readonly FaultSwitches None = new(FaultSwitch.None, null);

    public static IReadOnlyCollection<string> KnownNames => Names.Keys;

    public bool IsOn(FaultSwitch fault) => (Active & fault) == fault && fault != FaultSwitch.None;

    public static FaultSwitches Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var active = FaultSwitch.None;
        var unknown = new List<string>();
        foreach (var raw in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Names.TryGetValue(raw.ToLowerInvariant(), out var fault))
            {
                active |= fault;
            }
            else
            {
                unknown.Add(raw);
            }
        }

        if (unknown.Count == 0)
        {
            return new FaultSwitches(active, null);
        }

        var error = $"unknown fault switch {string.Join(", ", unknown.Select(u => $"'{u}'"))} in {EnvironmentVariable} "
            + $"(known: {string.Join(", ", Names.Keys)})";
        return new FaultSwitches(FaultSwitch.None, error);
    }

    public override string ToString() =>
        Active == FaultSwitch.None ? "none" : string.Join(",", Names.Where(n => IsOn(n.Value)).Select(n => n.Key));
}
