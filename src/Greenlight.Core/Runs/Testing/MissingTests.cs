using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.Runs.Testing;

/// <summary>
/// Tests that passed in the last run and are gone from this one's report: a request that failed and
/// hid the checks behind it, a file no longer collected, a group skipped by a condition. Each is a doubt
/// (<c>missing-tests</c>), named, until the suite runs them again or they are removed on purpose.
/// </summary>
internal static class MissingTests
{
    private const int Named = 10;

    public static SuiteRecord Check(SuiteRecord suite, IReadOnlyList<TestRecord> tests, PreviousRun? previous)
    {
        if (previous is null || suite.Outcome == StageOutcome.NotRun)
        {
            return suite;
        }

        var now = tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = previous.Tests.Where(t => t.Suite == suite.Id && t.Status == TestStatus.Passed && !now.Contains(t.Name))
            .Select(t => t.Name).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return suite;
        }

        var names = string.Join(", ", missing.Take(Named)) + (missing.Count > Named ? $" and {missing.Count - Named} more" : "");
        return suite with
        {
            ProofReasons = [.. suite.ProofReasons, ProofReason.MissingTests],
            ProofEvidence = [.. suite.ProofEvidence, $"{ProofReason.MissingTests}: {missing.Count} test(s) that passed in run {previous.RunId} are missing from this run's report: {names}"],
        };
    }
}
