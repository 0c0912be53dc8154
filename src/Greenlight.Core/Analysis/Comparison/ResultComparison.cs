namespace Greenlight.Analysis.Comparison;

public enum TestChange
{
    Regressed,
    NewlyFlaky,
    StillFailing,
    StillFlaky,
    LostProof,
    Fixed,
    New,
    NotRun,
    Skipped,
    Unchanged,
}

public enum ClusterChange
{
    New,
    Persisting,
    Resolved,
}

/// <param name="Before">Null when the test did not run before.</param>
/// <param name="After">Null when the test did not run now.</param>
public sealed record TestComparison(string Suite, string Name, TestStatus? Before, TestStatus? After, TestChange Change);

public sealed record ClusterComparison(string Signature, string Title, int BeforeCount, int AfterCount, ClusterChange Change);

/// <summary>The before/after table of a comparison (docs/analysis.md): most urgent change first.</summary>
public sealed record ResultComparison(IReadOnlyList<TestComparison> Tests, IReadOnlyList<ClusterComparison> Clusters)
{
    public int Count(TestChange change) => Tests.Count(t => t.Change == change);
}
