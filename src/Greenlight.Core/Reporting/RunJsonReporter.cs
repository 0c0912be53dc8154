using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary><c>run.json</c>: the whole record, for machines and for <c>greenlight report</c>.</summary>
public sealed class RunJsonReporter : IReporter
{
    public const string FileName = "run.json";

    public string Name => FileName;

    public Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(runDirectory, FileName), RunJson.Serialize(run), cancellationToken);
}
