using Greenlight.Model;
using Greenlight.Traffic;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Proxy;

/// <summary>Forwards one plain HTTP request with YARP and hands its record to the recorder.</summary>
internal sealed class HttpForwarding(
    string service,
    Uri upstream,
    TrafficRecorder recorder,
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
        var body = context.Response.Body;
        using var excerpt = new BodyExcerpt(body, context.Response);
        context.Response.Body = excerpt;
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, _prefix, _client, ForwarderRequestConfig.Empty, HttpTransformer.Default);
        }
        finally
        {
            context.Response.Body = body;
        }

        var latency = time.GetElapsedTime(timestamp);

        string? detail = null;
        if (error != ForwarderError.None)
        {
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            detail = $"{error}: {exception?.GetBaseException().Message}";
        }

        await recorder.RecordAsync(new TrafficRecord
        {
            Started = started,
            Latency = latency,
            Service = service,
            Method = context.Request.Method,
            Path = RecordedPath.Raw(context.Request),
            Status = context.Response.StatusCode,
            Test = RecordedPath.TestName(context.Request),
            Error = detail,
            ErrorText = ErrorText(context.Response, excerpt),
        });
    }

    // Only a failing answer's body is read, and not a compressed one: its text would need decoding.
    private static string? ErrorText(HttpResponse response, BodyExcerpt excerpt) =>
        BodyExcerpt.Keeps(response.StatusCode) && response.Headers.ContentEncoding.Count == 0
            ? ResponseErrorText.From(response.ContentType, excerpt.Head)
            : null;
}
