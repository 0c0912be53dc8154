using Greenlight.Model;

namespace Greenlight.Analysis.Comparison;

/// <summary>
/// Compares one iteration (or run) with the one before: per test fixed, regressed, still
/// failing, newly flaky, new (the unchanged ones as a count); per cluster new, persisting, resolved.
/// </summary>
public static class ResultComparer
{
    public static ResultComparison Compare(
        IReadOnlyList<TestSnapshot> before,
        IReadOnlyList<TestSnapshot> after,
        IReadOnlyList<ClusterSnapshot> clustersBefore,
        IReadOnlyList<ClusterSnapshot> clustersAfter)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var tests = new TestComparer(after.Count);
        foreach (var test in after)
        {
            tests.After(test.Suite, test.Name, test.Status);
        }

        foreach (var test in before)
        {
            tests.Before(test);
        }

        return Of(tests, clustersBefore, clustersAfter);
    }

    /// <summary>The comparison of a finished <see cref="TestComparer"/> and the two runs' clusters.</summary>
    public static ResultComparison Of(TestComparer tests, IReadOnlyList<ClusterSnapshot> clustersBefore, IReadOnlyList<ClusterSnapshot> clustersAfter)
    {
        ArgumentNullException.ThrowIfNull(tests);
        var (rows, unchanged) = tests.Finish();
        return new ResultComparison(rows, CompareClusters(clustersBefore, clustersAfter)) { Unchanged = unchanged };
    }

    internal static TestChange Classify(TestStatus? before, TestStatus? after) => (before, after) switch
    {
        (null, _) => TestChange.New,
        (_, null) => TestChange.NotRun,
        (TestStatus.Failed, TestStatus.Failed) => TestChange.StillFailing,
        (_, TestStatus.Failed) => TestChange.Regressed,
        (TestStatus.Flaky, TestStatus.Flaky) => TestChange.StillFlaky,
        (_, TestStatus.Flaky) => TestChange.NewlyFlaky,
        (TestStatus.Failed or TestStatus.Flaky, TestStatus.Passed or TestStatus.Unproven) => TestChange.Fixed,
        (TestStatus.Passed, TestStatus.Unproven) => TestChange.LostProof,
        (not TestStatus.Skipped, TestStatus.Skipped) => TestChange.Skipped,
        (TestStatus.Skipped, not TestStatus.Skipped) => TestChange.New, // its first real run
        _ => TestChange.Unchanged,
    };

    private static List<ClusterComparison> CompareClusters(IReadOnlyList<ClusterSnapshot> before, IReadOnlyList<ClusterSnapshot> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var previous = before.GroupBy(c => c.Signature, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.First().Title, Count: g.Sum(c => c.Count)), StringComparer.Ordinal);
        var current = after.GroupBy(c => c.Signature, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.First().Title, Count: g.Sum(c => c.Count)), StringComparer.Ordinal);
        return [.. current
            .Select(c => new ClusterComparison(c.Key, c.Value.Title, previous.TryGetValue(c.Key, out var p) ? p.Count : 0, c.Value.Count,
                previous.ContainsKey(c.Key) ? ClusterChange.Persisting : ClusterChange.New))
            .Concat(previous.Where(p => !current.ContainsKey(p.Key)).Select(p => new ClusterComparison(p.Key, p.Value.Title, p.Value.Count, 0, ClusterChange.Resolved)))
            .OrderBy(c => c.Change)
            .ThenByDescending(c => c.AfterCount)
            .ThenBy(c => c.Signature, StringComparer.Ordinal)];
    }
}
