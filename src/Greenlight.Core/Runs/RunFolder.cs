namespace Greenlight.Runs;

/// <summary>Where runs live: <c>.greenlight/runs/&lt;run-id&gt;/</c> beside the config file.</summary>
public static class RunFolder
{
    public const string RunJson = "run.json";
    public const string Worklog = "worklog.md";

    public static string RunsDirectory(string rootDirectory) => Path.Combine(rootDirectory, ".greenlight", "runs");

    public static string Create(string rootDirectory, string runId)
    {
        var path = Path.Combine(RunsDirectory(rootDirectory), runId);
        Directory.CreateDirectory(Path.Combine(path, "logs"));
        return path;
    }

    /// <summary>The folder of <paramref name="run"/> (an id, a folder, or null for the latest run), or null when none exists.</summary>
    public static string? Find(string rootDirectory, string? run)
    {
        if (run is not null && File.Exists(Path.Combine(run, RunJson)))
        {
            return Path.GetFullPath(run);
        }

        var runs = RunsDirectory(rootDirectory);
        if (!Directory.Exists(runs))
        {
            return null;
        }

        if (run is not null)
        {
            var named = Path.Combine(runs, run);
            return File.Exists(Path.Combine(named, RunJson)) ? named : null;
        }

        // Ids start with the UTC start time, so the greatest name is the latest run.
        return Directory.GetDirectories(runs)
            .Where(d => File.Exists(Path.Combine(d, RunJson)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
