using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AgentChat.Common.Hosting;

/// <summary>
/// One log line per HTTP request (method, path, status, duration) inside a scope that carries
/// the request id and the <c>X-Greenlight-Test</c> header, so every line a test caused can be
/// traced back to that test. Query strings are not logged: they could carry secrets.
/// </summary>
public static class RequestLog
{
    public const string TestHeader = "X-Greenlight-Test";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app, TimeProvider time, ILogger logger) =>
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            var state = new Dictionary<string, object?> { ["RequestId"] = context.TraceIdentifier };
            if (context.Request.Headers.TryGetValue(TestHeader, out var test))
            {
                state["GreenlightTest"] = test.ToString();
            }

            using var scope = logger.BeginScope(state);
            var started = time.GetTimestamp();
            await next(context);
            logger.LogInformation(
                "{Method} {Path} -> {Status} in {ElapsedMs} ms",
                context.Request.Method,
                context.Request.Path.Value,
                context.Response.StatusCode,
                Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1));
        });
}
