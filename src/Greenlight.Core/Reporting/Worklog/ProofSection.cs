using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>Proven and unproven passes per phase, each unproven test with its codes and evidence.</summary>
internal static class ProofSection
{
    public static void Write(MarkdownWriter md, RunRecord run)
    {
        var ran = run.Suites.Where(s => s.Outcome != StageOutcome.NotRun).ToList();
        if (ran.Count == 0)
        {
            return;
        }

        md.Heading(2, "Proof");
        md.Table(["phase", "passes", "proven", "unproven"], run.Phases.Where(p => p.Outcome != StageOutcome.NotRun).Select(p =>
        {
            var passes = run.Tests.Where(t => p.Suites.Contains(t.Suite) && t.Outcome == TestOutcome.Passed).ToList();
            var proven = passes.Count(t => t.Reasons.Count == 0);
            return (IReadOnlyList<string>)[p.Priority, Count(passes.Count), Count(proven), Count(passes.Count - proven)];
        }));

        foreach (var suite in ran)
        {
            var unproven = run.Tests.Where(t => t.Suite == suite.Id && t.Reasons.Count > 0).ToList();
            if (unproven.Count == 0 && suite.ProofEvidence.Count == 0 && suite.ProofNotes.Count == 0)
            {
                continue;
            }

            md.Heading(3, suite.Id);
            foreach (var evidence in suite.ProofEvidence)
            {
                md.Bullet($"❓ suite: {MarkdownWriter.Inline(evidence)}");
            }

            foreach (var test in unproven)
            {
                md.Bullet($"❓ {MarkdownWriter.CodeSpan(test.Name)} [{string.Join(", ", test.Reasons)}]");
                foreach (var evidence in test.Evidence)
                {
                    md.Line($"  - {MarkdownWriter.Inline(evidence)}");
                }
            }

            foreach (var note in suite.ProofNotes)
            {
                md.Bullet($"note: {MarkdownWriter.Inline(note)}");
            }

            md.Blank();
        }
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
