using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Runs.History;

/// <summary>A run record as the comparison sees it, and the comparison with the run before.</summary>
public static class RunComparison
{
    public static ResultComparison Compare(PreviousRun previous, RunRecord current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        return ResultComparer.Compare(previous.Tests, Snapshots(current), previous.Clusters, Clusters(current));
    }

    public static IReadOnlyList<TestSnapshot> Snapshots(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Tests.Select(t => new TestSnapshot(t.Suite, t.Name, t.Flaky ? TestStatus.Flaky : RetryResolver.StatusOf(t.Outcome, t.Proven)))];
    }

    public static IReadOnlyList<ClusterSnapshot> Clusters(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Clusters.Select(c => new ClusterSnapshot(c.Signature, c.Title, c.Count))];
    }
}
