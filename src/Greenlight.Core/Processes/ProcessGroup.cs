using System.Runtime.InteropServices;

namespace Greenlight.Processes;

/// <summary>
/// Signals and inspects a Linux process group through <c>kill(2)</c> and <c>/proc</c>. Children
/// start in their own group (via <c>setsid</c>), so a grandchild that outlives its parent, reparented
/// away from our tree, is still found and killed by its group id.
/// </summary>
public static partial class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Sends a signal to every process of the group; false when the group is gone.</summary>
    public static bool Signal(int groupId, int signal) =>
        groupId > 1 && OperatingSystem.IsLinux() && Kill(-groupId, signal) == 0;

    /// <summary>Live (not zombie) processes whose group id is <paramref name="groupId"/>.</summary>
    public static IReadOnlyList<int> LiveMembers(int groupId)
    {
        var members = new List<int>();
        if (!OperatingSystem.IsLinux() || groupId <= 1)
        {
            return members;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ProcStat.TryRead(pid, out var stat)
                && stat.GroupId == groupId && stat.State != 'Z' && stat.State != 'X')
            {
                members.Add(pid);
            }
        }

        return members;
    }

    /// <summary>SIGTERM the group, wait up to <paramref name="grace"/> for it to go, then SIGKILL.</summary>
    public static async Task TerminateAsync(int groupId, TimeSpan grace, TimeProvider time)
    {
        if (!Signal(groupId, SigTerm))
        {
            return;
        }

        if (await WaitGoneAsync(groupId, grace, time))
        {
            return;
        }

        Signal(groupId, SigKill);
        await WaitGoneAsync(groupId, TimeSpan.FromSeconds(2), time);
    }

    private static async Task<bool> WaitGoneAsync(int groupId, TimeSpan within, TimeProvider time)
    {
        var start = time.GetTimestamp();
        while (LiveMembers(groupId).Count > 0)
        {
            if (time.GetElapsedTime(start) >= within)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), time);
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
