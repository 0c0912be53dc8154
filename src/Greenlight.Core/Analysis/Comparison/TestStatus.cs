namespace Greenlight.Analysis.Comparison;

/// <summary>One test's standing in one iteration or run, as the comparison table shows it.</summary>
public enum TestStatus
{
    Passed,
    /// <summary>Passed, but the pass is not proven (docs/proof.md).</summary>
    Unproven,
    /// <summary>Failed, then passed on a retry: never counted as green.</summary>
    Flaky,
    /// <summary>Failed or errored.</summary>
    Failed,
    Skipped,
}

public sealed record TestSnapshot(string Suite, string Name, TestStatus Status);

/// <summary>Cluster signature and size in one iteration or run.</summary>
public sealed record ClusterSnapshot(string Signature, string Title, int Count);
