using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>One iteration: its gates, rollbacks, failing tests, bundle and remediation.</summary>
internal static class IterationSection
{
    public static void Write(MarkdownWriter md, IterationRecord iteration)
    {
        md.Heading(3, $"Iteration {LoopSection.Text(iteration.Number)}: {WorklogRenderer.VerdictName(iteration.Verdict)}");
        md.Bullet($"**Started:** {Format.Time(iteration.StartedAt)} ({Format.Duration(iteration.DurationMs)})");
        md.Bullet($"**Deployed:** {(iteration.Deployed.Count == 0 ? (iteration.Gates.Any(g => !g.Passed) ? "nothing: a pre-deploy gate failed" : "nothing (services kept running)") : MarkdownWriter.Inline(string.Join(", ", iteration.Deployed.Select(d => $"{d} {iteration.Services.FirstOrDefault(s => s.Name == d)?.Revision}".Trim()))))}");
        foreach (var reason in iteration.Reasons.Take(6))
        {
            md.Bullet(MarkdownWriter.Inline(reason));
        }

        md.Blank();
        var failedGates = iteration.Gates.Where(g => !g.Passed).ToList();
        if (iteration.Gates.Count > 0)
        {
            md.Table(["gate", "result", "duration"], iteration.Gates.Select(g => (IReadOnlyList<string>)
                [g.Gate, (g.Passed ? "✅ " : "❌ ") + MarkdownWriter.Inline(g.Summary), Format.Duration(g.DurationMs)]));
        }

        foreach (var gate in failedGates)
        {
            md.Heading(4, $"Cluster: gate {gate.Gate} failed");
            md.Line(MarkdownWriter.Inline(gate.Summary) + (gate.Log is null ? "" : $" (log: {MarkdownWriter.CodeSpan(gate.Log)})")).Blank();
            md.Code([.. gate.Findings, .. gate.Evidence]);
        }

        foreach (var rollback in iteration.Rollbacks)
        {
            md.Heading(4, rollback.Succeeded ? $"Rollback: {rollback.Service}" : $"Rollback failed: {rollback.Service}");
            md.Line($"**{MarkdownWriter.Inline(rollback.Description)}**{(rollback.HealthyAfter ? "; healthy again after the rollback" : "")}.").Blank();
            md.Code(rollback.Evidence);
        }

        var failing = iteration.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).ToList();
        if (failing.Count > 0)
        {
            md.Table(["failing test", "message"], failing.Select(t => (IReadOnlyList<string>)
                [MarkdownWriter.Inline($"{t.Suite} / {t.Name}"), MarkdownWriter.Inline((t.Message ?? "").Split('\n')[0])]));
        }

        if (iteration.Bundle is { } bundle)
        {
            md.Line($"Evidence bundle: {MarkdownWriter.CodeSpan(bundle)}").Blank();
        }

        if (iteration.Remediation is { } remediation)
        {
            WriteRemediation(md, remediation);
        }

        if (iteration.StopReason is { } stop)
        {
            md.Line($"**Loop stopped** ({MarkdownWriter.CodeSpan(stop)}): {MarkdownWriter.Inline(iteration.StopDetail ?? "")}.").Blank();
        }
    }

    private static void WriteRemediation(MarkdownWriter md, RemediationRecord remediation)
    {
        md.Heading(4, "Remediation");
        md.Bullet($"**Command:** {MarkdownWriter.CodeSpan(remediation.Command)}: {MarkdownWriter.Inline(remediation.Result)} in {Format.Duration(remediation.DurationMs)}"
            + (remediation.Log is null ? "" : $" (output: {MarkdownWriter.CodeSpan(remediation.Log)})"));
        if (remediation.GuardOutcome is not null)
        {
            md.Bullet($"**Guard:** {remediation.GuardOutcome.Replace('_', ' ')}: {MarkdownWriter.Inline(remediation.GuardReason)}; "
                + (remediation.CountsAsFix ? "counted as a fix" : "**not counted as a fix**"));
        }

        if (remediation.DirtyBefore.Count > 0)
        {
            md.Bullet($"**Uncommitted before remediation:** {MarkdownWriter.Inline(string.Join(", ", remediation.DirtyBefore))}");
        }

        if (remediation.ChangedTestFiles.Count > 0)
        {
            md.Bullet($"**Test files changed:** {MarkdownWriter.Inline(string.Join(", ", remediation.ChangedTestFiles))}");
        }

        md.Blank();
        if (remediation.DiffStat.Length > 0)
        {
            md.Code(remediation.DiffStat.Split('\n'));
        }

        if (remediation.Flags.Count > 0)
        {
            md.Line("**Flags:**").Blank();
            foreach (var flag in remediation.Flags)
            {
                md.Bullet(MarkdownWriter.CodeSpan(flag));
            }

            md.Blank();
        }
    }
}
