using System.Globalization;
using Greenlight.Config;
using Greenlight.Planning;

namespace Greenlight.Runs;

/// <summary>What a run knows before anything runs: its config, plan, id, folder and settings. It never changes.</summary>
internal sealed record RunContext(
    GreenlightConfig Config,
    RunPlan Plan,
    string RunId,
    string RunDirectory,
    DateTimeOffset StartedAt,
    long StartTimestamp,
    bool FailFast,
    bool AnalysisOnly,
    LoopSettings Loop)
{
    /// <summary>Where iteration <paramref name="iteration"/>'s suites, traffic and logs go: the run folder for the first, <c>iterations/&lt;n&gt;</c> after.</summary>
    public string WorkDirectory(int iteration) => iteration == 1 ? RunDirectory : IterationDirectory(iteration);

    /// <summary><c>iterations/&lt;n&gt;</c>: the bundle and the remediation log.</summary>
    public string IterationDirectory(int iteration) =>
        Path.Combine(RunDirectory, "iterations", iteration.ToString(CultureInfo.InvariantCulture));

    /// <summary>A path inside the run folder as run.json keeps it.</summary>
    public string Relative(string path) => Path.GetRelativePath(RunDirectory, path);
}
