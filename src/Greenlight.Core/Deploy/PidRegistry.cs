using System.Globalization;
using Greenlight.Processes;

namespace Greenlight.Deploy;

/// <summary>
/// One file per running service in <c>.greenlight/pids/&lt;service&gt;.pid</c>: its process group id,
/// the tag Greenlight put in its environment, and its command line for people. A run that was
/// killed (SIGKILL, a crash) leaves these behind; the next run reaps the groups they name.
/// </summary>
public sealed class PidRegistry(string directory, TimeProvider time)
{
    /// <summary>Environment variable carrying a per-process tag; inherited by the whole tree, it proves a process is ours.</summary>
    public const string TagVariable = "GREENLIGHT_PROCESS_TAG";

    public string Directory { get; } = directory;

    public static PidRegistry ForRoot(string repositoryRoot, TimeProvider time) =>
        new(Path.Combine(repositoryRoot, ".greenlight", "pids"), time);

    public void Record(string service, int groupId, string tag, string commandLine)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathFor(service), $"pid={groupId}\ntag={tag}\ncommand={commandLine.ReplaceLineEndings(" ")}\n");
    }

    public void Remove(string service) => File.Delete(PathFor(service));

    /// <summary>Kills the still-living, verifiably ours trees named by leftover files, removes the files, says what it did.</summary>
    public async Task<IReadOnlyList<string>> ReapStaleAsync(TimeSpan grace)
    {
        var notes = new List<string>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return notes;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.pid"))
        {
            var service = Path.GetFileNameWithoutExtension(file);
            var fields = (await File.ReadAllLinesAsync(file).ConfigureAwait(false))
                .Select(line => line.Split('=', 2))
                .Where(parts => parts.Length == 2)
                .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
            if (fields.TryGetValue("pid", out var pidText) && int.TryParse(pidText, CultureInfo.InvariantCulture, out var groupId)
                && fields.TryGetValue("tag", out var tag) && IsOurs(groupId, tag))
            {
                await ProcessGroup.TerminateAsync(groupId, grace, time).ConfigureAwait(false);
                notes.Add($"stopped '{service}' (process group {groupId}) left running by an earlier run");
            }

            File.Delete(file);
        }

        return notes;
    }

    private static bool IsOurs(int groupId, string tag)
    {
        var marker = $"{TagVariable}={tag}\0";
        return tag.Length > 0 && ProcessGroup.LiveMembers(groupId).Any(pid => ProcStat.ReadEnvironment(pid).Contains(marker, StringComparison.Ordinal));
    }

    private string PathFor(string service) => Path.Combine(Directory, service + ".pid");
}
