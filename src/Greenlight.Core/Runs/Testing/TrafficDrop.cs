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
    public static SuiteRecord Check(SuiteRecord suite, IReadOnlyList<TestRecord> tests, PreviousRun? previous)
    {
        if (previous is null || suite.Requests is not { } now || !previous.SuiteRequests.TryGetValue(suite.Id, out var before) || now >= before
            || !tests.Any(t => t.Outcome == TestOutcome.Passed && t.ProofLevel == ProofLevel.Suite))
        {
            return suite;
        }

        var earlier = previous.Tests.Where(t => t.Suite == suite.Id).ToList();
        if (earlier.Any(t => t.Status != TestStatus.Passed) || !earlier.Select(t => t.Name).ToHashSet(StringComparer.Ordinal).SetEquals(tests.Select(t => t.Name)))
        {
            // Other tests, or tests that failed last time: a different number of requests is expected.
            return suite;
        }

        return suite with
        {
            ProofReasons = [.. suite.ProofReasons, ProofReason.NoTraffic],
            ProofEvidence =
            [
                .. suite.ProofEvidence,
                $"{ProofReason.NoTraffic}: the recording proxies saw {now} request(s) during the suite, {before} in run {previous.RunId} with the same {tests.Count} passing test(s): "
                    + "a request may have gone around the proxy (a stub, a mock, a hard-coded answer)",
            ],
        };
    }
}
