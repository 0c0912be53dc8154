using Greenlight.Analysis.Evidence;
using Greenlight.Deploy.LastGood;
using Greenlight.Model;

namespace Greenlight.Runs.Analysing;

/// <summary>An evidence chain as run.json keeps it, with its worklog entry rendered.</summary>
internal static class ClusterRecords
{
    /// <param name="faults">Failing exchanges the recording proxy saw for the cluster's tests, its signature's first.</param>
    /// <param name="number">The entry's number under "Root causes".</param>
    /// <param name="changes">What changed in the cluster's services since their last good builds.</param>
    public static ClusterRecord From(EvidenceChain chain, IReadOnlyList<string> faults, int number, IReadOnlyList<ServiceChangeRecord>? changes = null)
    {
        changes ??= [];
        var cluster = chain.Cluster;
        var markdown = EvidenceMarkdown.Render(chain, number);
        if (faults.Count > 0)
        {
            markdown += "- **Traffic** (recording proxy):\n" + string.Concat(faults.Take(5).Select(f => $"  - `{f.Replace('`', '\'')}`\n"));
        }

        markdown += Changes(changes);
        return new ClusterRecord
        {
            Signature = cluster.Signature.Key,
            Title = cluster.Signature.Title,
            Count = cluster.Count,
            Suites = cluster.Suites,
            Tests = cluster.Tests,
            Phases = cluster.Phases,
            Messages = cluster.Messages,
            Services = chain.Services,
            PrecedingDeploy = chain.DeploySentence,
            Evidence = [.. chain.Lines.Select(l => new EvidenceLineRecord(l.Entry.Service, l.Entry.Time, l.Entry.Severity.ToString().ToLowerInvariant(), l.Entry.Headline, l.Occurrences, l.Why))],
            TrafficFaults = faults,
            Changes = changes,
            Problems = chain.Problems,
            Markdown = markdown,
        };
    }

    /// <summary>
    /// "- **Changed since the last good build**:" then per service "api `git a8aa565+build 3f9c2e1d` (good since run X) → `git b1c2d3e+build 7a6b5c4d`:
    /// build 3f9c2e1d → 7a6b5c4d; git a8aa565 → b1c2d3e" and the files changed in its folder.
    /// </summary>
    public static string Changes(IReadOnlyList<ServiceChangeRecord> changes)
    {
        if (changes.Count == 0)
        {
            return "";
        }

        var text = new System.Text.StringBuilder("- **Changed since the last good build**:\n");
        foreach (var change in changes)
        {
            text.Append("  - ").Append(change.Service).Append(' ').Append(Code(change.LastGood))
                .Append(change.MadeGoodBy is { } run ? $" (good since run {run})" : "").Append(" → ").Append(Code(change.Current))
                .Append(": ").Append(string.Join("; ", change.Changed)).Append('\n');
            if (change.Files.Count > 0)
            {
                text.Append("    - files changed in its folder: ").Append(string.Join(", ", change.Files.Select(Code)))
                    .Append(change.MoreFiles > 0 ? $" and {change.MoreFiles} more" : "").Append('\n');
            }
            else if (change.FilesProblem is { } problem)
            {
                text.Append("    - files changed: not listed (").Append(problem).Append(")\n");
            }
            else if (ChangeAttribution.GitRange(change) is not null)
            {
                text.Append("    - no file changed in its folder\n");
            }
        }

        return text.ToString();
    }

    private static string Code(string text) => $"`{text.Replace('`', '\'')}`";
}
