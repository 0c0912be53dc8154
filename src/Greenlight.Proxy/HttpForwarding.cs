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
        var body = context.Response.Body;
        using var excerpt = new BodyExcerpt(body);
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
            ErrorText = ErrorText(context.Response, excerpt),
        });
    }

    // Only a failing answer's body is read, and not a compressed one: its text would need decoding.
    private string? ErrorText(HttpResponse response, BodyExcerpt excerpt) =>
        response.StatusCode is >= 200 and < 300 || response.Headers.ContentEncoding.Count > 0
            || ResponseErrorText.From(response.ContentType, excerpt.Head) is not { } text
            ? null
            : options.Redactor.Redact(text);
}
