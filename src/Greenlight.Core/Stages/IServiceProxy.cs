using Greenlight.Traffic;

namespace Greenlight.Stages;

/// <summary>Starts a recording proxy in front of one service (the host ships the implementation).</summary>
public interface IServiceProxyFactory
{
    Task<IServiceProxy> StartAsync(string service, Uri upstream, ITrafficLog log, CancellationToken cancellationToken);
}

/// <summary>A running recording proxy: tests get <see cref="Url"/>, probes keep going to the service.</summary>
public interface IServiceProxy : IAsyncDisposable
{
    string Service { get; }

    Uri Url { get; }

    /// <summary>Waits until every exchange is recorded; false when something is still in flight after the timeout.</summary>
    Task<bool> WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
