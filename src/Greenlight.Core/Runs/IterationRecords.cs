using Greenlight.Analysis;
using Greenlight.Model;

namespace Greenlight.Runs;

/// <summary>Turns an iteration's facts and the view of the run they give into its record, once; and what "no progress" compares.</summary>
internal static class IterationRecords
{
    /// <param name="view">The run as it stands with this iteration last (<see cref="RunRecords.Build"/>): its verdict is the iteration's.</param>
    public static IterationRecord Build(IterationResult facts, RunRecord view, string? bundle, RemediationRecord? remediation, string? stopReason, string? stopDetail) => new()
    {
        Number = facts.Number,
        StartedAt = facts.StartedAt,
        DurationMs = facts.DurationMs,
        Verdict = view.Verdict,
        Reasons = view.Reasons,
        Deployed = facts.Deployed,
        Gates = view.Gates,
        Rollbacks = view.Rollbacks,
        Services = view.Services,
        Probes = view.Probes,
        Suites = view.Suites,
        Tests = view.Tests,
        Fingerprints = Fingerprints(view),
        Bundle = bundle,
        Remediation = remediation,
        StopReason = stopReason,
        StopDetail = stopDetail,
    };

    /// <summary>What failed, normalised: two iterations with equal fingerprints made no progress.</summary>
    internal static IReadOnlyList<string> Fingerprints(RunRecord run) =>
        [.. run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error)
                .Select(t => $"{t.Suite} / {t.Name}: {SignatureNormalizer.Normalize(t.Message, null).Key}")
            .Concat(run.Tests.Where(t => t.Outcome == TestOutcome.Passed && t.Reasons.Count > 0)
                .Select(t => $"{t.Suite} / {t.Name}: unproven {string.Join(",", t.Reasons)}"))
            .Concat(run.Suites.Where(s => s.TimedOut).Select(s => $"{s.Id}: timed out"))
            .Concat(run.Gates.Where(g => !g.Passed).Select(g => $"gate {g.Gate}: {string.Join("; ", g.Findings)}"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
