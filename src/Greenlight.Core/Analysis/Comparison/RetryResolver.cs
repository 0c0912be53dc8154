using Greenlight.Model;

namespace Greenlight.Analysis.Comparison;

/// <param name="Result">The first failing attempt when any failed (its message feeds clustering), else the first.</param>
public sealed record RetriedTest(TestCaseResult Result, TestStatus Status, int Attempts)
{
    public bool IsFlaky => Status == TestStatus.Flaky;
}

/// <summary>
/// Folds a test's attempts under <c>loop.retry_failed</c> into one status: a failure that later
/// passes is Flaky, never Passed; the failure stays visible to clustering and the worklog.
/// </summary>
public static class RetryResolver
{
    public static RetriedTest Resolve(TestCaseResult first, IReadOnlyList<TestCaseResult> retries, bool proven = true)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(retries);
        var attempts = retries.Count + 1;
        if (!IsFailure(first.Outcome))
        {
            return new RetriedTest(first, StatusOf(first.Outcome, proven), attempts);
        }

        var passedLater = retries.Any(r => r.Outcome == TestOutcome.Passed);
        return new RetriedTest(first, passedLater ? TestStatus.Flaky : TestStatus.Failed, attempts);
    }

    public static TestStatus StatusOf(TestOutcome outcome, bool proven) => outcome switch
    {
        TestOutcome.Passed => proven ? TestStatus.Passed : TestStatus.Unproven,
        TestOutcome.Skipped => TestStatus.Skipped,
        _ => TestStatus.Failed,
    };

    private static bool IsFailure(TestOutcome outcome) => outcome is TestOutcome.Failed or TestOutcome.Error;
}
