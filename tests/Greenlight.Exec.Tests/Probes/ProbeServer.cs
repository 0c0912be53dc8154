using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Greenlight.Exec.Tests.Probes;

/// <summary>A real Kestrel server on 127.0.0.1:0 with healthy, sick, hanging and WebSocket endpoints.</summary>
public sealed class ProbeServer : IAsyncLifetime
{
    public const string Token = "tok-0123456789-opaque";
    public const string BypassKey = "bypass-key-for-tests";
    private WebApplication? _app;
    private int _barrierArrivals;
    private readonly TaskCompletionSource _barrier = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Subprotocols each WebSocket request offered, by path.</summary>
    public ConcurrentQueue<string> OfferedSubprotocols { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/health", () => HttpResults.Json(new { status = "healthy", database_status = "connected", uptime_seconds = 1.5 }));
        app.MapGet("/sick", () => HttpResults.Json(new { status = "unhealthy", database_status = "disconnected", detail = new string('x', 200) }, statusCode: 503));
        app.MapGet("/chunked", WriteInPiecesAsync);
        app.MapGet("/huge", () => HttpResults.Text("{\"status\":\"healthy\",\"pad\":\"" + new string('x', 300 * 1024) + "\"}", "application/json"));
        app.MapGet("/degraded", () => HttpResults.Json(new { status = "degraded" }));
        app.MapGet("/hang", async (HttpContext c) => await Task.Delay(Timeout.Infinite, c.RequestAborted));
        app.MapGet("/barrier", async (HttpContext c) =>
        {
            // Answers only once three requests are in flight together: proof the probes ran concurrently.
            if (Interlocked.Increment(ref _barrierArrivals) == 3)
            {
                _barrier.TrySetResult();
            }

            await _barrier.Task.WaitAsync(c.RequestAborted);
            return HttpResults.Ok();
        });
        app.MapPost("/token", (HttpContext c) => c.Request.Headers["X-E2E-Bypass-Key"] == BypassKey
            ? HttpResults.Json(new { accessToken = Token, tokenType = "Bearer" })
            : HttpResults.StatusCode(401));
        app.Map("/ws", HandleAuthenticatedAsync);
        app.Map("/ws-crash", async (HttpContext c) => await CloseAsync(c, WebSocketCloseStatus.InternalServerError, "internal error"));
        app.Map("/ws-silent", async (HttpContext c) =>
        {
            using var socket = await c.WebSockets.AcceptWebSocketAsync();
            await socket.ReceiveAsync(new byte[16], c.RequestAborted);
        });
        // Echoes the offered subprotocols (token included) in its close reason: the probe must redact it.
        app.Map("/ws-reject", async (HttpContext c) => await CloseAsync(c, WebSocketCloseStatus.PolicyViolation, "rejected " + string.Join(",", c.WebSockets.WebSocketRequestedProtocols)));
        app.Map("/ws-refused", () => HttpResults.StatusCode(503));
        await app.StartAsync();
        _app = app;
        BaseUrl = new Uri(app.Urls.First());
    }

    private async Task HandleAuthenticatedAsync(HttpContext c)
    {
        var offered = c.WebSockets.WebSocketRequestedProtocols;
        OfferedSubprotocols.Enqueue(string.Join(",", offered));
        var authorized = offered.Contains("agentchat.bearer." + Token) || c.Request.Headers.Authorization == "Bearer " + Token;
        using var socket = await c.WebSockets.AcceptWebSocketAsync(offered.Contains("agentchat.v1") ? "agentchat.v1" : null);
        if (!authorized)
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "missing token", c.RequestAborted);
            return;
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"connection_ready\",\"connectionId\":\"c1\"}"), WebSocketMessageType.Text, true, c.RequestAborted);
        var buffer = new byte[256];
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, c.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, c.RequestAborted);
            }
        }
    }

    /// <summary>A healthy JSON body of about 40 KB sent as many flushed pieces, so the probe reads it in several chunks.</summary>
    private static async Task WriteInPiecesAsync(HttpContext c)
    {
        c.Response.ContentType = "application/json";
        await c.Response.WriteAsync("{\"pad\":\"", c.RequestAborted);
        for (var i = 0; i < 40; i++)
        {
            await c.Response.WriteAsync(new string((char)('a' + (i % 26)), 1000), c.RequestAborted);
            await c.Response.Body.FlushAsync(c.RequestAborted);
        }

        await c.Response.WriteAsync("\",\"status\":\"healthy\"}", c.RequestAborted);
    }

    private static async Task CloseAsync(HttpContext c, WebSocketCloseStatus status, string reason)
    {
        var offered = c.WebSockets.WebSocketRequestedProtocols;
        using var socket = await c.WebSockets.AcceptWebSocketAsync(offered.Contains("agentchat.v1") ? "agentchat.v1" : null);
        await socket.CloseAsync(status, reason, c.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(stop.Token);
            await _app.DisposeAsync();
        }
    }
}
