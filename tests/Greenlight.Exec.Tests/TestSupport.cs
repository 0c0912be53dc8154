using Greenlight.Processes;

namespace Greenlight.Exec.Tests;

internal static class TestSupport
{
    public static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "greenlight-exec-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>True when the process no longer runs (gone, or a zombie nobody reaped yet).</summary>
    public static bool IsGone(int pid) => !ProcStat.TryRead(pid, out var stat) || stat.State is 'Z' or 'X';

    /// <summary>Polls a file a child writes (its grandchild's pid), bounded by the token.</summary>
    public static async Task<int> ReadPidFileAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (File.Exists(path) && int.TryParse((await File.ReadAllTextAsync(path, cancellationToken)).Trim(), out var pid))
            {
                return pid;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the group has <paramref name="members"/> live processes, bounded by the token: a child
    /// calls setsid just after it starts, and a shell forks its children later still.
    /// </summary>
    public static async Task WaitForGroupAsync(int groupId, int members, CancellationToken cancellationToken)
    {
        while (ProcessGroup.LiveMembers(groupId).Count < members)
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
