using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>Reads a run folder's <c>run.json</c> back, with every test from its <c>tests.jsonl</c> (for <c>greenlight report</c>).</summary>
public static class RunOutputs
{
    /// <summary>The record as it was written; without tests.jsonl (an older run, or a deleted file) the tests are those run.json lists.</summary>
    public static async Task<RunRecord?> ReadAsync(string runDirectory, CancellationToken cancellationToken)
    {
        var run = RunJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(runDirectory, RunJsonReporter.FileName), cancellationToken));
        var tests = Path.Combine(runDirectory, RunJson.TestsFile);
        if (run is null || !File.Exists(tests))
        {
            return run;
        }

        await using var stream = new FileStream(tests, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        return await RunJson.ReadTestsAsync(run, stream, cancellationToken);
    }
}
