using System.Net;
using System.Text;

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
        // Kestrel decodes a non-ASCII request header as UTF-8; send it on the same way. Without
        // this the handler refuses the request (502), e.g. Playwright's "describe › test" names
        // in X-Greenlight-Test.
        RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
    };
}
