using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>Reads a run folder's <c>run.json</c> back (for <c>greenlight report</c>).</summary>
public static class RunOutputs
{
    public static async Task<RunRecord?> ReadAsync(string runDirectory, CancellationToken cancellationToken) =>
        RunJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(runDirectory, RunJsonReporter.FileName), cancellationToken));
}
