using System.Globalization;
using System.Text;

namespace Greenlight.Analysis.Evidence;

/// <summary>One cluster's evidence chain as a "Root causes" entry of the worklog (markdown).</summary>
public static class EvidenceMarkdown
{
    public static string Render(EvidenceChain chain, int number)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var cluster = chain.Cluster;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### {number}. {Inline(cluster.Signature.Title)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Symptom**: {cluster.Count} failure(s) in {string.Join(", ", cluster.Tests.Take(5).Select(Code))}{(cluster.Tests.Count > 5 ? $" and {cluster.Tests.Count - 5} more" : "")}");
        if (cluster.Phases.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" (phase {string.Join(", ", cluster.Phases)})");
        }

        text.Append(chain.Impact is null ? "\n" : $"; impact {chain.Impact}\n");
        foreach (var message in cluster.Messages.Take(3))
        {
            text.Append("  - ").Append(Code(message)).Append('\n');
        }

        text.Append("- **Services**: ").Append(chain.Services.Count == 0 ? "none known" : string.Join(", ", chain.Services)).Append('\n');
        if (chain.DeploySentence is { } deploy)
        {
            text.Append("- **Preceded by**: ").Append(deploy).Append('\n');
        }

        if (chain.Lines.Count == 0)
        {
            text.Append("- **Server log**: no matching lines in the failure windows\n");
        }
        else
        {
            text.Append("- **Server log** (most explanatory first):\n");
            foreach (var line in chain.Lines.Take(5))
            {
                var at = line.Entry.Time?.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) ?? "--:--:--";
                var times = line.Occurrences > 1 ? $" ×{line.Occurrences}" : "";
                text.Append(CultureInfo.InvariantCulture, $"  - {line.Entry.Service} {at} {Code(line.Entry.Headline)}{times}\n");
            }
        }

        if (chain.History is { } history)
        {
            text.Append("- **History**: ").Append(history.SignatureLastSeen is { } seen
                ? string.Create(CultureInfo.InvariantCulture, $"seen before in {history.SignatureRunsSeen} run(s), last {seen.UtcDateTime:yyyy-MM-dd HH:mm} UTC")
                : "first time seen");
            var neverPassed = history.TestsLastPassed.Count(p => p.Value is null);
            if (history.TestsLastPassed.Values.Where(v => v.HasValue).Max() is { } passed)
            {
                text.Append(CultureInfo.InvariantCulture, $"; these tests last passed {passed.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
            }

            text.Append(neverPassed > 0 ? $"; {neverPassed} never passed in history\n" : "\n");
        }

        foreach (var problem in chain.Problems)
        {
            text.Append("- _").Append(Inline(problem)).Append("_\n");
        }

        return text.ToString();
    }

    private static string Code(string text) => "`" + text.Replace('`', '\'').Replace('\n', ' ') + "`";

    private static string Inline(string text) => text.Replace('\n', ' ');
}
