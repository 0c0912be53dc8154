using Greenlight.Secrets;

namespace Greenlight.Proxy;

/// <summary>Optional knobs for <see cref="RecordingProxy"/>; the defaults suit a test run.</summary>
public sealed record RecordingProxyOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Masks tokens in recorded paths, test names and close reasons.</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.None;

    /// <summary>How long to wait for the upstream to accept a connection or a WebSocket upgrade.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Client used for upstream HTTP; null means the shared <see cref="UpstreamClient"/>.</summary>
    public HttpMessageInvoker? HttpClient { get; init; }
}
