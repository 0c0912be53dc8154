using Greenlight.Model;
using Greenlight.Traffic;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Proxy;

/// <summary>Forwards one plain HTTP request with YARP and records it.</summary>
internal sealed class HttpForwarding(
    string service,
    Uri upstream,
    ITrafficLog log,
    RecordingProxyOptions options,
    IHttpForwarder forwarder)
{
    private readonly string _prefix = upstream.AbsoluteUri;
    private readonly HttpMessageInvoker _client = options.HttpClient ?? UpstreamClient.Shared;

    public async Task ForwardAsync(HttpContext context)
    {
        var time = options.TimeProvider;
        var started = time.GetUtcNow();
        var timestamp = time.GetTimestamp();
        var error = await forwarder.SendAsync(context, _prefix, _client, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        var latency = time.GetElapsedTime(timestamp);

        string? detail = null;
        if (error != ForwarderError.None)
        {
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            detail = options.Redactor.Redact($"{error}: {exception?.GetBaseException().Message}");
        }

        log.Append(new TrafficRecord
        {
            Started = started,
            Latency = latency,
            Service = service,
            Method = context.Request.Method,
            Path = RecordedPath.From(context.Request, options.Redactor),
            Status = context.Response.StatusCode,
            Test = RecordedPath.TestName(context.Request, options.Redactor),
            Error = detail,
        });
    }
}
