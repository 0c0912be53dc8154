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

    /// <summary>The suite, doubted when tests are missing; with the reason when the last run's tests could not be read.</summary>
    public static async Task<(SuiteRecord Suite, string? Problem)> CheckAsync(
        SuiteRecord suite, IReadOnlyList<TestRecord> tests, IReadOnlyList<string> expected, PreviousRun? previous, CancellationToken cancellationToken)
    {
        // A suite that reported nothing at all is no-tests already; listing every test again adds nothing.
        if (suite.Outcome == StageOutcome.NotRun || tests.Count == 0)
        {
            return (suite, null);
        }

        var now = tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var evidence = new List<string>();
        var undefined = expected.Where(t => !now.Contains(t)).Distinct(StringComparer.Ordinal).ToList();
        if (undefined.Count > 0)
        {
            evidence.Add($"{ProofReason.MissingTests}: {undefined.Count} of the {expected.Distinct(StringComparer.Ordinal).Count()} test(s) the suite defines "
                + $"are missing from its report: {Names(undefined, undefined.Count)}");
        }

        string? problem = null;
        if (previous is not null)
        {
            // The last run's tests of this suite are read one at a time: only the first names and the count are kept.
            var undefinedNames = undefined.ToHashSet(StringComparer.Ordinal);
            var gone = new List<string>();
            var goneCount = 0;
            var read = await previous.Tests.ReadAsync(suite.Id, t =>
            {
                if (t.Status == TestStatus.Passed && !now.Contains(t.Name) && !undefinedNames.Contains(t.Name) && goneCount++ < Named)
                {
                    gone.Add(t.Name);
                }
            }, cancellationToken);
            if (!read.Succeeded)
            {
                problem = $"history not read for the missing-tests check of {suite.Id}: {read.Error}";
            }
            else if (goneCount > 0)
            {
                evidence.Add($"{ProofReason.MissingTests}: {goneCount} test(s) that passed in run {previous.RunId} are missing from this run's report: {Names(gone, goneCount)}");
            }
        }

        if (evidence.Count == 0)
        {
            return (suite, problem);
        }

        return (suite with
        {
            ProofReasons = [.. suite.ProofReasons, ProofReason.MissingTests],
            ProofEvidence = [.. suite.ProofEvidence, .. evidence],
        }, problem);
    }

    private static string Names(IReadOnlyList<string> missing, int count) =>
        string.Join(", ", missing.Take(Named)) + (count > Named ? $" and {count - Named} more" : "");
}
