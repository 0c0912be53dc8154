using System.Text;
using Greenlight.Model;

namespace Greenlight.Analysis.Comparison;

/// <summary>The comparison as markdown tables for the worklog; unchanged rows are left out.</summary>
public static class ComparisonMarkdown
{
    public static string Render(ResultComparison comparison, string beforeLabel, string afterLabel)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        var changed = comparison.Tests.Where(t => t.Change != TestChange.Unchanged).ToList();
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

        var unchanged = comparison.Tests.Count - changed.Count;
        text.Append(comparison.Tests.Count == 0 ? "No tests ran in either.\n" : changed.Count == 0 ? $"All {unchanged} test(s) unchanged.\n" : unchanged > 0 ? $"{unchanged} test(s) unchanged.\n" : "");
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
