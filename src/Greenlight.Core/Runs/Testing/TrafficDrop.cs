using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.Runs.Testing;

/// <summary>
/// A suite whose passes stand at suite level cannot show a test that stopped reaching the service (a
/// request pointed at a stub, a mock fallback): what it can show is the suite's own traffic. When the
/// same tests, all passing last time, made fewer requests than in the last run, the suite is doubted
/// (<c>no-traffic</c>), with both counts. At request and window level a test with no requests of its
/// own is <c>no-traffic</c> by itself.
/// </summary>
internal static class TrafficDrop
{
    /// <summary>The suite, doubted when its traffic dropped; with the reason when the last run's tests could not be read.</summary>
    public static async Task<(SuiteRecord Suite, string? Problem)> CheckAsync(SuiteRecord suite, IReadOnlyList<TestRecord> tests, PreviousRun? previous, CancellationToken cancellationToken)
    {
        if (previous is null || suite.Requests is not { } now || !previous.SuiteRequests.TryGetValue(suite.Id, out var before) || now >= before
            || !tests.Any(t => t.Outcome == TestOutcome.Passed && t.ProofLevel == ProofLevel.Suite))
        {
            return (suite, null);
        }

        // The same tests, all passing last time: read the last run's tests of the suite one at a time.
        var names = tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var (count, same) = (0, true);
        var read = await previous.Tests.ReadAsync(suite.Id, t =>
        {
            count++;
            same &= t.Status == TestStatus.Passed && names.Contains(t.Name);
        }, cancellationToken);
        if (!read.Succeeded)
        {
            return (suite, $"history not read for the no-traffic check of {suite.Id}: {read.Error}");
        }

        if (!same || count != names.Count)
        {
            // Other tests, or tests that failed last time: a different number of requests is expected.
            return (suite, null);
        }

        return (suite with
        {
            ProofReasons = [.. suite.ProofReasons, ProofReason.NoTraffic],
            ProofEvidence =
            [
                .. suite.ProofEvidence,
                $"{ProofReason.NoTraffic}: the recording proxies saw {now} request(s) during the suite, {before} in run {previous.RunId} with the same {tests.Count} passing test(s): "
                    + "a request may have gone around the proxy (a stub, a mock, a hard-coded answer)",
            ],
        }, null);
    }
}
