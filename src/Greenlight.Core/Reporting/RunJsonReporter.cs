using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>
/// <c>tests.jsonl</c> (every test, one line each) and <c>run.json</c> (the summary that names it), both
/// streamed to their files: for machines and for <c>greenlight report</c>. Each is written beside its
/// place and moved in when complete, so a reader (the dashboard, an agent, a test) never sees half of one,
/// and a crash while writing leaves the earlier complete file.
/// </summary>
public sealed class RunJsonReporter : IReporter
{
    public const string FileName = "run.json";

    public string Name => FileName;

    public async Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken)
    {
        await WriteWholeAsync(Path.Combine(runDirectory, RunJson.TestsFile), stream => RunJson.WriteTestsAsync(run, stream, cancellationToken));
        await WriteWholeAsync(Path.Combine(runDirectory, FileName), stream => RunJson.WriteSummaryAsync(run, stream, cancellationToken));
    }

    private static async Task WriteWholeAsync(string path, Func<Stream, Task> write)
    {
        var partial = path + ".partial";
        await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16, useAsync: true))
        {
            await write(stream);
        }

        File.Move(partial, path, overwrite: true);
    }
}
