using Greenlight.Config;

namespace Greenlight.Runs.Deploying;

/// <summary>In which order services start (dependencies first) and roll back (dependents first).</summary>
internal static class DeployOrder
{
    /// <summary>Dependencies first, otherwise declaration order (validation has ruled out cycles).</summary>
    public static List<ServiceConfig> Of(IReadOnlyList<ServiceConfig> services)
    {
        var order = new List<ServiceConfig>();
        var byName = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            Place(service);
        }

        return order;

        void Place(ServiceConfig service)
        {
            if (!placed.Add(service.Name))
            {
                return;
            }

            foreach (var dependency in service.DependsOn.Where(byName.ContainsKey))
            {
                Place(byName[dependency]);
            }

            order.Add(service);
        }
    }

    /// <summary>The services to roll back, dependents before what they depend on (reverse deploy order).</summary>
    public static List<ServiceConfig> Rollback(IReadOnlyList<ServiceConfig> services, Func<ServiceConfig, bool> isDown) =>
        [.. Enumerable.Reverse(Of(services)).Where(isDown)];
}
