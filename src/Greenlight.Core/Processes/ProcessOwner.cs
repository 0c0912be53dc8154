namespace Greenlight.Processes;

/// <summary>
/// A process known by its pid and its start time in clock ticks since boot (<c>/proc/&lt;pid&gt;/stat</c>).
/// A pid alone is not an identity: once a process dies the kernel may give its pid to another.
/// </summary>
public readonly record struct ProcessOwner(int ProcessId, long StartTicks)
{
    /// <summary>This Greenlight process.</summary>
    public static ProcessOwner Current { get; } = Of(Environment.ProcessId) ?? new(Environment.ProcessId, 0);

    /// <summary>The running process with this pid, or null when there is none.</summary>
    public static ProcessOwner? Of(int pid) =>
        ProcStat.TryRead(pid, out var stat) && stat.State is not ('Z' or 'X') ? new ProcessOwner(pid, stat.StartTicks) : null;

    /// <summary>True while this very process runs: same pid and same start time, not a zombie.</summary>
    public bool IsAlive() => Of(ProcessId) is { } now && now.StartTicks == StartTicks;
}
