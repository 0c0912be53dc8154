using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.Runs.Testing;

/// <summary>
/// Tests the suite should have reported and did not: those it defines (when the runner can list them
/// without running them, as newman's checks) and those that passed in the last run. A request that
/// failed and hid the checks behind it, a file no longer collected, a group skipped by a condition:
/// each is a doubt (<c>missing-tests</c>), named, until the suite runs them again or they are removed
/// on purpose.
/// </summary>
internal static class MissingTests
{
    private const int Named = 10;

    public static SuiteRecord Check(SuiteRecord suite, IReadOnlyList<TestRecord> tests, IReadOnlyList<string> expected, PreviousRun? previous)
    {
        // A suite that reported nothing at all is no-tests already; listing every test again adds nothing.
        if (suite.Outcome == StageOutcome.NotRun || tests.Count == 0)
        {
            return suite;
        }

        var now = tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var evidence = new List<string>();
        var undefined = expected.Where(t => !now.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (undefined.Count > 0)
        {
            evidence.Add($"{ProofReason.MissingTests}: {undefined.Count} of the {expected.Distinct(StringComparer.Ordinal).Count()} test(s) the suite defines "
                + $"are missing from its report: {Names(undefined)}");
        }

        var gone = previous is null ? [] : previous.Tests
            .Where(t => t.Suite == suite.Id && t.Status == TestStatus.Passed && !now.Contains(t.Name) && !undefined.Contains(t.Name))
            .Select(t => t.Name).Distinct(StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
        {
            evidence.Add($"{ProofReason.MissingTests}: {gone.Count} test(s) that passed in run {previous!.RunId} are missing from this run's report: {Names(gone)}");
        }

        if (evidence.Count == 0)
        {
            return suite;
        }

        return suite with
        {
            ProofReasons = [.. suite.ProofReasons, ProofReason.MissingTests],
            ProofEvidence = [.. suite.ProofEvidence, .. evidence],
        };
    }

    private static string Names(IReadOnlyList<string> missing) =>
        string.Join(", ", missing.Take(Named)) + (missing.Count > Named ? $" and {missing.Count - Named} more" : "");
}
