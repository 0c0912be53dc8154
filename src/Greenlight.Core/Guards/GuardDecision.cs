namespace Greenlight.Guards;

public enum GuardOutcome
{
    /// <summary>Remediation changed nothing: the loop stops ("the remediation made no change").</summary>
    NoChange,
    /// <summary>Changed, no test tampering (or tampering allowed by policy).</summary>
    Accepted,
    /// <summary>Test tampering found and flagged; the iteration still counts (policy <c>flag</c>).</summary>
    Flagged,
    /// <summary>Test tampering found; the iteration is not counted as a fix (policy <c>reject</c>).</summary>
    Rejected,
    /// <summary><c>--analysis-only</c> and a tracked file changed (or HEAD moved): the run ends.</summary>
    AnalysisOnlyViolation,
}

/// <param name="Findings">Test tampering and analysis-only findings, each naming file and line.</param>
public sealed record GuardDecision(GuardOutcome Outcome, IReadOnlyList<GuardFinding> Findings, string Reason)
{
    public bool CountsAsFix => Outcome is GuardOutcome.Accepted or GuardOutcome.Flagged;

    public bool EndsRun => Outcome is GuardOutcome.AnalysisOnlyViolation or GuardOutcome.NoChange;

    /// <summary>Applies the policy (and the analysis-only rule) to what changed.</summary>
    public static GuardDecision Decide(ChangeReport report, TamperingPolicy policy, bool analysisOnly)
    {
        if (analysisOnly)
        {
            var violations = report.Files
                .Where(f => report.Before.Tracked.Contains(f.OldPath) || report.Before.Tracked.Contains(f.Path))
                .Select(f => new GuardFinding(GuardCodes.AnalysisOnlyViolation, f.Path, null, false, $"{f.Kind.ToString().ToLowerInvariant()} a tracked file"))
                .ToList();
            if (report.HeadMoved)
            {
                violations.Add(new GuardFinding(GuardCodes.AnalysisOnlyViolation, "HEAD", null, false, $"moved from {Short(report.Before.Head)} to {Short(report.After.Head)}"));
            }

            if (violations.Count > 0)
            {
                return new(GuardOutcome.AnalysisOnlyViolation, violations, $"analysis-only run changed {violations.Count} tracked file(s) or ref(s)");
            }
        }

        if (!report.Changed)
        {
            return new(GuardOutcome.NoChange, [], "the remediation made no change to the repository");
        }

        if (report.Findings.Count == 0 || policy == TamperingPolicy.Allow)
        {
            return new(GuardOutcome.Accepted, report.Findings, $"{report.Files.Count} file(s) changed, {report.TestFiles.Count} of them tests");
        }

        var files = report.Findings.Select(f => f.File).Distinct(StringComparer.Ordinal).Count();
        var reason = $"{GuardCodes.TestTampering}: {report.Findings.Count} finding(s) in {files} test file(s)";
        return policy == TamperingPolicy.Flag
            ? new(GuardOutcome.Flagged, report.Findings, reason)
            : new(GuardOutcome.Rejected, report.Findings, reason + "; the iteration is not counted as a fix");
    }

    private static string Short(string? sha) => sha is null ? "(none)" : sha[..Math.Min(7, sha.Length)];
}
