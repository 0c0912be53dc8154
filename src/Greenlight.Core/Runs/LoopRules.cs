using Greenlight.Model;

namespace Greenlight.Runs;

/// <summary>When the loop ends, and which suites go first in the next iteration.</summary>
internal static class LoopRules
{
    /// <summary>Why the loop ends now (before any remediation), or null to go on.</summary>
    public static (string Reason, string Detail)? StopAfterTests(RunRecord view, int number, LoopSettings loop, IReadOnlyList<IterationRecord> earlier)
    {
        switch (view.Verdict)
        {
            case Verdict.Green:
                return (StopReasons.Green, $"iteration {number} is GREEN");
            case Verdict.Blocked:
                return (StopReasons.Blocked, $"iteration {number} is BLOCKED: {view.Reasons.FirstOrDefault()}");
        }

        if (number >= loop.Iterations)
        {
            return (StopReasons.Budget, $"the iteration budget ({loop.Iterations}) is spent");
        }

        if (loop.Remediate is null)
        {
            return (StopReasons.NoRemediation, "no remediation command is configured (loop.remediate or --remediate), so another iteration would change nothing");
        }

        var fingerprints = IterationRecords.Fingerprints(view);
        var window = earlier.Select(i => i.Fingerprints).Append(fingerprints).TakeLast(loop.StopWhenNoProgress).ToList();
        if (window.Count == loop.StopWhenNoProgress && window[0].Count > 0 && window.All(f => f.SequenceEqual(window[0], StringComparer.Ordinal)))
        {
            return (StopReasons.NoProgress, $"the same {window[0].Count} failure fingerprint(s) persisted {window.Count} iterations in a row");
        }

        return null;
    }

    /// <summary>
    /// Inside a phase, suites that held failing tests in the previous iteration run first; in the first
    /// iteration, those history says were failing at the end of the last run ("suite / test").
    /// </summary>
    public static IReadOnlySet<string> FailingSuites(IReadOnlyList<IterationRecord> earlier, IReadOnlyList<string> previouslyFailing) =>
        earlier.Count > 0
            ? earlier[^1].Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error || t.Reasons.Count > 0).Select(t => t.Suite).ToHashSet(StringComparer.Ordinal)
            : previouslyFailing.Select(t => t.Split(" / ", 2)[0]).ToHashSet(StringComparer.Ordinal);
}
