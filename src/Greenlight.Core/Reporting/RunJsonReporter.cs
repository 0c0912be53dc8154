using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>
/// <c>tests.jsonl</c> (every test, one line each) and <c>run.json</c> (the summary that names it), both
/// streamed to their files: for machines and for <c>greenlight report</c>.
/// </summary>
public sealed class RunJsonReporter : IReporter
{
    public const string FileName = "run.json";

    public string Name => FileName;

    public async Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken)
    {
        await using (var tests = Create(Path.Combine(runDirectory, RunJson.TestsFile)))
        {
            await RunJson.WriteTestsAsync(run, tests, cancellationToken);
        }

        await using var summary = Create(Path.Combine(runDirectory, FileName));
        await RunJson.WriteSummaryAsync(run, summary, cancellationToken);
    }

    private static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
}
