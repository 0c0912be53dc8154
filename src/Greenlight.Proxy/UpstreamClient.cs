using System.Net;

namespace Greenlight.Proxy;

/// <summary>
/// The upstream HTTP client every proxy shares: no system proxy, no redirects, no
/// decompression, no cookies, so the test sees exactly what the service sent.
/// </summary>
public static class UpstreamClient
{
    private static readonly Lazy<HttpMessageInvoker> SharedInvoker = new(() => new HttpMessageInvoker(CreateHandler()));

    public static HttpMessageInvoker Shared => SharedInvoker.Value;

    public static SocketsHttpHandler CreateHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };
}
