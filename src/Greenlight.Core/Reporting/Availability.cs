using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>
/// "x/y critical services healthy": a critical service counts as healthy when every probe it had
/// answered and it did not stop during the run (<see cref="ServiceRecord.Exit"/>), so a service
/// killed in the middle of the tests is not reported healthy at the end.
/// </summary>
public static class Availability
{
    public static (int Healthy, int Total) Of(IReadOnlyList<ProbeRecord> probes, IReadOnlyList<ServiceRecord> services)
    {
        var stopped = services.Where(s => s.Critical && s.Exit is not null).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var critical = probes.Where(p => p.Critical).GroupBy(p => p.Service).ToList();
        var healthy = critical.Count(g => g.All(p => p.Healthy) && !stopped.Contains(g.Key));
        var total = critical.Select(g => g.Key).Union(stopped, StringComparer.Ordinal).Count();
        return (healthy, total);
    }
}
