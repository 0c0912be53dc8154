using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Reporting;

/// <summary>
/// Every reporter in turn, each given the record with its secrets masked (files are where text leaves
/// the process): one that fails is reported, and the others still write.
/// </summary>
public sealed class CompositeReporter(SecretRedactor redactor, IEnumerable<IReporter> reporters)
{
    private readonly IReadOnlyList<IReporter> _reporters = [.. reporters];

    /// <summary>The worklog and run.json, which every run writes.</summary>
    public static CompositeReporter Default(SecretRedactor redactor) => new(redactor, [new RunJsonReporter(), new WorklogReporter()]);

    /// <param name="finished">False while the run is not over (between iterations, before history): outputs marked <see cref="IReporter.FinishedOnly"/> wait for the finished record.</param>
    /// <returns>One line per reporter that failed: "worklog not written: …"; empty when all wrote.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken, bool finished = true)
    {
        Directory.CreateDirectory(runDirectory);
        var safe = RunJson.Redact(run, redactor);
        var failures = new List<string>();
        foreach (var reporter in _reporters.Where(r => finished || !r.FinishedOnly))
        {
            try
            {
                await reporter.WriteAsync(safe, runDirectory, cancellationToken);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failures.Add($"{reporter.Name} not written: {ex.Message}");
            }
        }

        return failures;
    }
}
