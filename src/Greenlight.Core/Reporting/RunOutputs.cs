using Greenlight.Runs;
using Greenlight.Secrets;

namespace Greenlight.Reporting;

/// <summary>Writes <c>run.json</c> and <c>worklog.md</c> into a run folder, secrets redacted.</summary>
public static class RunOutputs
{
    public static async Task WriteAsync(string runDirectory, RunRecord run, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(runDirectory);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, RunFolder.RunJson), RunJson.Serialize(run, redactor), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(runDirectory, RunFolder.Worklog), redactor.Redact(WorklogRenderer.Render(run)), cancellationToken);
    }

    public static async Task<RunRecord?> ReadAsync(string runDirectory, CancellationToken cancellationToken) =>
        RunJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(runDirectory, RunFolder.RunJson), cancellationToken));
}
