using Greenlight.Model;

namespace Greenlight.Stages;

/// <summary>A deployer that notices when a service it started ends on its own (its process exited or was killed).</summary>
public interface IServiceWatcher
{
    /// <summary>Services this deployer started that ended without being stopped, in the order they ended.</summary>
    IReadOnlyList<ServiceExitRecord> Exits { get; }
}
