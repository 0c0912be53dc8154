using Greenlight.Processes;

namespace Greenlight.Deploy;

/// <summary>
/// Every service process a run starts, as <c>.greenlight/pids/&lt;run id&gt;/&lt;service&gt;.pid</c>: its
/// process group, the tag Greenlight put in its environment, and the run's owner (this Greenlight
/// process's pid and start time). Several runs share the folder; a run killed by SIGKILL or a
/// crash leaves its files behind, and the next run reaps them once their owner is gone.
/// </summary>
public sealed partial class PidRegistry
{
    /// <summary>Environment variable carrying a per-process tag; inherited by the whole tree, it proves a process is ours.</summary>
    public const string TagVariable = "GREENLIGHT_PROCESS_TAG";

    private readonly TimeProvider _time;
    private readonly DateTimeOffset _runStarted;
    private readonly Lock _gate = new();

    /// <param name="directory">The folder shared by every run (<c>.greenlight/pids</c>).</param>
    /// <param name="runId">This run's id: its files go in a folder of that name.</param>
    /// <param name="owner">The Greenlight process that owns the run; this process by default.</param>
    public PidRegistry(string directory, string runId, TimeProvider time, ProcessOwner? owner = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (runId is "." or ".." || runId.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            throw new ArgumentException($"'{runId}' cannot name a folder", nameof(runId));
        }

        Directory = directory;
        RunId = runId;
        _time = time;
        Owner = owner ?? ProcessOwner.Current;
        _runStarted = time.GetUtcNow();
    }

    public string Directory { get; }

    public string RunId { get; }

    public ProcessOwner Owner { get; }

    public static PidRegistry ForRun(string repositoryRoot, string runId, TimeProvider time) =>
        new(Path.Combine(repositoryRoot, ".greenlight", "pids"), runId, time);

    private string RunFolder => Path.Combine(Directory, RunId);

    public void Record(string service, int groupId, string tag, string commandLine)
    {
        var file = new PidFile(groupId, tag, commandLine, RunId, Owner, _runStarted);
        lock (_gate)
        {
            System.IO.Directory.CreateDirectory(RunFolder);
            // Written aside and moved in, so another run's reaper never reads half a file.
            var temporary = PathFor(service) + ".tmp";
            File.WriteAllText(temporary, file.Format());
            File.Move(temporary, PathFor(service), overwrite: true);
        }
    }

    public void Remove(string service)
    {
        lock (_gate)
        {
            // Removed twice (a quit at once during a stop): the folder may be gone already.
            if (File.Exists(PathFor(service)))
            {
                File.Delete(PathFor(service));
            }

            if (System.IO.Directory.Exists(RunFolder) && !System.IO.Directory.EnumerateFileSystemEntries(RunFolder).Any())
            {
                System.IO.Directory.Delete(RunFolder);
            }
        }
    }

    private string PathFor(string service) => Path.Combine(RunFolder, service + ".pid");
}
