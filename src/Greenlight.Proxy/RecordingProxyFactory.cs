using Greenlight.Secrets;
using Greenlight.Stages;
using Greenlight.Traffic;

namespace Greenlight.Proxy;

/// <summary>The run pipeline's way to start a <see cref="RecordingProxy"/> per service.</summary>
public sealed class RecordingProxyFactory(TimeProvider time, SecretRedactor redactor) : IServiceProxyFactory
{
    public async Task<IServiceProxy> StartAsync(string service, Uri upstream, ITrafficLog log, CancellationToken cancellationToken)
    {
        var options = new RecordingProxyOptions { TimeProvider = time, Redactor = redactor };
        return new Started(await RecordingProxy.StartAsync(service, upstream, log, options, cancellationToken).ConfigureAwait(false));
    }

    private sealed class Started(RecordingProxy proxy) : IServiceProxy
    {
        public string Service => proxy.Service;

        public Uri Url => proxy.Url;

        public Task<bool> WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken) => proxy.WaitForIdleAsync(timeout, cancellationToken);

        public ValueTask DisposeAsync() => proxy.DisposeAsync();
    }
}
