using Greenlight.Model;

namespace Greenlight.Analysis.Evidence;

/// <summary>
/// Which services a cluster's failing tests talked to: the recording proxy's records when it
/// has any for them (by the X-Greenlight-Test header, else by the test's time window), else the
/// services the suites are configured with.
/// </summary>
public static class ServicesInvolved
{
    public static IReadOnlyList<string> Find(FailureCluster cluster, IReadOnlyList<TrafficRecord> traffic, IReadOnlyList<string> configured)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(traffic);
        var seen = Records(cluster, traffic).Select(r => r.Service).Distinct(StringComparer.Ordinal).ToList();
        return seen.Count > 0 ? seen : configured;
    }

    /// <summary>The proxy records of the cluster's failing tests, oldest first.</summary>
    public static IReadOnlyList<TrafficRecord> Records(FailureCluster cluster, IReadOnlyList<TrafficRecord> traffic)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(traffic);
        return [.. cluster.Occurrences.SelectMany(o => FailingExchange.Of(o, traffic)).Distinct().OrderBy(r => r.Started)];
    }

    /// <summary>
    /// The cluster's representative exchanges: the failing exchange of its signature first, then the other
    /// failing ones among the records (error statuses, no answer, abnormal server closes), as evidence lines
    /// with the body's error text (bounded and redacted when recorded).
    /// </summary>
    public static IReadOnlyList<string> Faults(IEnumerable<TrafficRecord> records, FailingExchange? first = null) =>
        [.. (first is null ? [] : new[] { first.Line })
            .Concat(records.Where(FailingExchange.Failed).Select(r => new FailingExchange(r).Line))
            .Distinct(StringComparer.Ordinal)];
}
