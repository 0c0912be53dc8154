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
        var tests = cluster.Tests.ToHashSet(StringComparer.Ordinal);
        var untagged = traffic.Where(r => r.Test is null).ToList();
        return [.. traffic.Where(r => r.Test is not null && (tests.Contains(r.Test) || cluster.Occurrences.Any(o => o.Test.EndsWith(r.Test, StringComparison.Ordinal))))
            .Concat(untagged.Where(r => cluster.Occurrences.Any(o => Within(r, o))))
            .Distinct()
            .OrderBy(r => r.Started)];
    }

    /// <summary>Server-side faults among the records (5xx, a server close with 1011), as evidence lines.</summary>
    public static IReadOnlyList<string> Faults(IEnumerable<TrafficRecord> records) =>
        [.. records
            .Where(r => r.Status >= 500 || (r.CloseCode is 1011 && r.ClosedBy == "server"))
            .Select(r => r.IsWebSocket && r.CloseCode is { } code
                ? $"{r.Service}: {r.Method} {r.Path} → {r.Status}, closed by {r.ClosedBy ?? "?"} with {code}"
                : $"{r.Service}: {r.Method} {r.Path} → {r.Status}")
            .Distinct(StringComparer.Ordinal)];

    private static bool Within(TrafficRecord record, FailureOccurrence occurrence) =>
        occurrence.Started is { } start && occurrence.Ended is { } end && record.Started >= start && record.Started <= end;
}
