using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary><c>worklog.md</c>: the run told for a person, top to bottom.</summary>
public sealed class WorklogReporter : IReporter
{
    public const string FileName = "worklog.md";

    public string Name => FileName;

    public Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(runDirectory, FileName), WorklogRenderer.Render(run), cancellationToken);
}
