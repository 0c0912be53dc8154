using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Runs.History;

/// <summary>A run record as the comparison sees it, and the comparison with the run before.</summary>
public static class RunComparison
{
    /// <summary>
    /// This run against the last one, whose tests are read from the store one at a time (only this run's statuses and
    /// the changed tests are held); null with the reason when the store could not be read.
    /// </summary>
    public static async Task<(ResultComparison? Comparison, string? Problem)> CompareAsync(PreviousRun previous, RunRecord current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var tests = new TestComparer(current.Tests.Count);
        foreach (var test in current.Tests)
        {
            tests.After(test.Suite, test.Name, StatusOf(test));
        }

        var read = await previous.Tests.ReadAsync(null, tests.Before, cancellationToken);
        return read.Succeeded ? (ResultComparer.Of(tests, previous.Clusters, Clusters(current)), null) : (null, read.Error);
    }

    private static IReadOnlyList<ClusterSnapshot> Clusters(RunRecord run) => [.. run.Clusters.Select(c => new ClusterSnapshot(c.Signature, c.Title, c.Count))];

    private static TestStatus StatusOf(TestRecord test) => test.Flaky ? TestStatus.Flaky : RetryResolver.StatusOf(test.Outcome, test.Proven);
}
