using Greenlight.Processes;

namespace Greenlight.Deploy;

public sealed partial class PidRegistry
{
    /// <summary>
    /// Stops the processes of runs whose Greenlight process is gone (dead, or its pid reused by a
    /// process with another start time) and removes their files. Runs whose owner still runs are
    /// not touched, whatever their age: they are runs happening now beside this one.
    /// </summary>
    public async Task<IReadOnlyList<ReapedRun>> ReapOrphansAsync(TimeSpan grace)
    {
        var reaped = new List<ReapedRun>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return reaped;
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory).Where(f => Path.GetFileName(f) != RunId))
        {
            var files = Read(folder);
            // A file without an owner is not from this scheme: leave it rather than guess.
            if (files.Count == 0 || files.Any(f => f.File.Owner is not { } owner || owner.IsAlive()))
            {
                continue;
            }

            if (await ReapAsync(files, grace).ConfigureAwait(false) is { } run)
            {
                reaped.Add(run);
            }

            TryDelete(folder);
        }

        // Files from before runs were recorded name no owner; their runs have ended since.
        if (await ReapAsync(Read(Directory), grace).ConfigureAwait(false) is { } legacy)
        {
            reaped.Add(legacy with { RunId = null, Owner = null, StartedAt = null });
        }

        return reaped;
    }

    private async Task<ReapedRun?> ReapAsync(List<(string Path, string Service, PidFile File)> files, TimeSpan grace)
    {
        var services = new List<string>();
        var processes = 0;
        foreach (var (path, service, file) in files)
        {
            var members = IsOurs(file) ? ProcessGroup.LiveMembers(file.GroupId).Count : 0;
            if (members > 0)
            {
                await ProcessGroup.TerminateAsync(file.GroupId, grace, _time).ConfigureAwait(false);
                services.Add(service);
                processes += members;
            }

            File.Delete(path);
        }

        var first = files.FirstOrDefault().File;
        return processes == 0 ? null : new ReapedRun(first?.RunId, first?.Owner, first?.RunStarted, services, processes, LastSeen(first?.RunId));
    }

    /// <summary>
    /// When the run was last heard of: the last write of its trail, <c>.greenlight/runs/&lt;id&gt;/trail.jsonl</c>
    /// beside this folder (Runs.Recording.RunTrail writes it; this layer cannot name that class).
    /// </summary>
    private DateTimeOffset? LastSeen(string? runId)
    {
        if (runId is null || System.IO.Directory.GetParent(Directory) is not { } greenlight)
        {
            return null;
        }

        var trail = Path.Combine(greenlight.FullName, "runs", runId, "trail.jsonl");
        return File.Exists(trail) ? new DateTimeOffset(File.GetLastWriteTimeUtc(trail), TimeSpan.Zero) : null;
    }

    private static List<(string Path, string Service, PidFile File)> Read(string folder)
    {
        var files = new List<(string, string, PidFile)>();
        try
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(folder, "*.pid"))
            {
                if (PidFile.Parse(File.ReadAllText(path)) is { } file)
                {
                    files.Add((path, Path.GetFileNameWithoutExtension(path), file));
                }
            }
        }
        catch (IOException)
        {
            // Another run reaped (deleted) these files while we read them: nothing left to do here.
            return [];
        }

        return files;
    }

    private static bool IsOurs(PidFile file)
    {
        var marker = $"{TagVariable}={file.Tag}\0";
        return file.Tag.Length > 0 && ProcessGroup.LiveMembers(file.GroupId).Any(pid => ProcStat.ReadEnvironment(pid).Contains(marker, StringComparison.Ordinal));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another run reaping the same folder got there first.
        }
    }
}
