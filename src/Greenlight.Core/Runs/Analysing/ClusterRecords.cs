using Greenlight.Analysis.Evidence;
using Greenlight.Model;

namespace Greenlight.Runs.Analysing;

/// <summary>An evidence chain as run.json keeps it, with its worklog entry rendered.</summary>
internal static class ClusterRecords
{
    /// <param name="faults">Failing exchanges the recording proxy saw for the cluster's tests, its signature's first.</param>
    /// <param name="number">The entry's number under "Root causes".</param>
    public static ClusterRecord From(EvidenceChain chain, IReadOnlyList<string> faults, int number)
    {
        var cluster = chain.Cluster;
        var markdown = EvidenceMarkdown.Render(chain, number);
        if (faults.Count > 0)
        {
            markdown += "- **Traffic** (recording proxy):\n" + string.Concat(faults.Take(5).Select(f => $"  - `{f.Replace('`', '\'')}`\n"));
        }

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
            Problems = chain.Problems,
            Markdown = markdown,
        };
    }
}
