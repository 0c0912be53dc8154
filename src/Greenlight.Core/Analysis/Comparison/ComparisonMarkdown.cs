using System.Text;
using Greenlight.Model;

namespace Greenlight.Analysis.Comparison;

/// <summary>The comparison as markdown tables for the worklog; unchanged rows are left out, tests not run are one line with a count.</summary>
public static class ComparisonMarkdown
{
    private const int FailingNotRunRows = 10;

    public static string Render(ResultComparison comparison, string beforeLabel, string afterLabel)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        // Tests that did not run this time are one line with a count, not a row each: a run whose suites did not
        // run would otherwise bury what changed under hundreds of "not run" rows. A few that were failing stay rows:
        // a failing test that stops running may be a "fix" that removed or skipped it.
        var notRun = comparison.Tests.Where(t => t.Change == TestChange.NotRun).ToList();
        var failingNotRun = notRun.Where(t => t.Before is TestStatus.Failed or TestStatus.Flaky).ToList();
        var kept = failingNotRun.Count <= FailingNotRunRows ? failingNotRun : [];
        var collapsed = notRun.Count - kept.Count;
        var changed = comparison.Tests.Where(t => t.Change is not (TestChange.Unchanged or TestChange.NotRun) || kept.Contains(t)).ToList();
        // A header with no rows reads as a rendering bug: say in words when no test changed.
        if (changed.Count > 0)
        {
            text.Append("| test | ").Append(Cell(beforeLabel)).Append(" | ").Append(Cell(afterLabel)).Append(" | change |\n|---|---|---|---|\n");
            foreach (var t in changed)
            {
                text.Append("| ").Append(Cell($"{t.Suite} / {t.Name}")).Append(" | ").Append(Word(t.Before)).Append(" | ").Append(Word(t.After))
                    .Append(" | ").Append(Word(t.Change)).Append(" |\n");
            }

            text.Append('\n');
        }

        if (collapsed > 0)
        {
            text.Append(collapsed).Append(" test(s) not run in ").Append(afterLabel).Append(" (they ran in ").Append(beforeLabel)
                .Append(kept.Count == 0 && failingNotRun.Count > 0 ? $"; {failingNotRun.Count} of them failing there" : "").Append(").\n");
        }

        var unchanged = comparison.Count(TestChange.Unchanged);
        text.Append(comparison.Tests.Count == 0 && unchanged == 0 ? "No tests ran in either.\n" : changed.Count == 0 && collapsed == 0 ? $"All {unchanged} test(s) unchanged.\n" : unchanged > 0 ? $"{unchanged} test(s) unchanged.\n" : "");
        if (comparison.Clusters.Count > 0)
        {
            text.Append("\n| cluster | ").Append(Cell(beforeLabel)).Append(" | ").Append(Cell(afterLabel)).Append(" | change |\n|---|---|---|---|\n");
            foreach (var c in comparison.Clusters)
            {
                text.Append("| ").Append(Cell(c.Title)).Append(" | ").Append(c.BeforeCount).Append(" | ").Append(c.AfterCount).Append(" | ").Append(Word(c.Change)).Append(" |\n");
            }
        }

        return text.ToString();
    }

    private static string Word(TestStatus? status) => status is null ? "—" : status.Value.ToString().ToLowerInvariant();

    private static string Word(TestChange change) => change switch
    {
        TestChange.StillFailing => "still failing",
        TestChange.NewlyFlaky => "newly flaky",
        TestChange.StillFlaky => "still flaky",
        TestChange.LostProof => "no longer proven",
        TestChange.NotRun => "not run",
        _ => change.ToString().ToLowerInvariant(),
    };

    private static string Word(ClusterChange change) => change.ToString().ToLowerInvariant();

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
