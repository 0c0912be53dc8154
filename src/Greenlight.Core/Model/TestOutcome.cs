namespace Greenlight.Model;

/// <summary>What a runner reported for one test case. Skipped covers skip, xfail and not-executed.</summary>
public enum TestOutcome
{
    Passed,
    Failed,
    Error,
    Skipped,
}
