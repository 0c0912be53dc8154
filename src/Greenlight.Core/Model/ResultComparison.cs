namespace Greenlight.Model;

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

/// <summary>
/// This run against the one before, as the worklog's comparison table shows it: most urgent change
/// first. The tests that did not change are a count (<see cref="Unchanged"/>), not rows: a million
/// unchanged tests would otherwise be a million rows in run.json on every run after the first.
/// </summary>
public sealed record ResultComparison(IReadOnlyList<TestComparison> Tests, IReadOnlyList<ClusterComparison> Clusters)
{
    /// <summary>Tests that ran in both with the same status (not listed in <see cref="Tests"/>).</summary>
    public int Unchanged { get; init; }

    public int Count(TestChange change) =>
        Tests.Count(t => t.Change == change) + (change == TestChange.Unchanged ? Unchanged : 0);
}
