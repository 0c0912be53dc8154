using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;

namespace Greenlight.History;

/// <summary>The joins between analysis and history: what history adds to a cluster, and what a cluster leaves in history.</summary>
public static class EvidenceHistory
{
    /// <summary>Last sighting of the cluster's signature and when each of its tests last passed, excluding the current run.</summary>
    public static async Task<HistoryResult<HistoryFacts>> LoadFactsAsync(IHistoryStore store, string project, string currentRunId, FailureCluster cluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cluster);
        var seen = await store.LastSeenAsync(project, cluster.Signature.Key, currentRunId, cancellationToken);
        if (!seen.Succeeded)
        {
            return HistoryResult<HistoryFacts>.Fail(seen.Error!);
        }

        var lastPassed = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var occurrence in cluster.Occurrences.DistinctBy(o => (o.Suite, o.Test)))
        {
            var passed = await store.LastPassedAsync(project, new TestKey(occurrence.Suite, occurrence.Test), currentRunId, cancellationToken);
            if (!passed.Succeeded)
            {
                return HistoryResult<HistoryFacts>.Fail(passed.Error!);
            }

            lastPassed[occurrence.Test] = passed.Value;
        }

        return HistoryResult<HistoryFacts>.Ok(new HistoryFacts(seen.Value?.At, seen.Value?.RunId, seen.Value?.RunsSeen ?? 0, lastPassed));
    }

    /// <summary>The cluster as history keeps it: signature, title, size and its top evidence lines.</summary>
    public static HistoryCluster ToHistoryCluster(EvidenceChain chain, int maxLines = 10)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return new HistoryCluster(
            chain.Cluster.Signature.Key,
            chain.Cluster.Signature.Title,
            chain.Cluster.Count,
            chain.Cluster.FirstFailure,
            [.. chain.Lines.Take(maxLines).Select((l, i) => new HistoryEvidenceLine(i + 1, l.Entry.Service, l.Entry.Time, l.Entry.Severity.ToString().ToLowerInvariant(), l.Entry.Headline))]);
    }
}
