using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Proxy.Tests;

/// <summary>A real Kestrel service on 127.0.0.1:0 that the proxy fronts in tests.</summary>
public sealed class TestUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestUpstream(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<TestUpstream> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/hello", (HttpContext c) =>
        {
            c.Response.Headers["X-Upstream"] = "yes";
            return HttpResults.Text($"hello {c.Request.Query["name"]}", "text/plain");
        });
        app.MapPost("/echo", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            return HttpResults.Text(await reader.ReadToEndAsync(c.RequestAborted), "text/plain");
        });
        app.MapGet("/unavailable", () => HttpResults.StatusCode(503));
        app.MapGet("/articles", () => HttpResults.Json(new { errors = new { tag = new[] { "The tag field is required." } } }, statusCode: 422));
        app.MapGet("/teapot", () => HttpResults.Text("no coffee here\nsecond line", statusCode: 418));
        app.MapGet("/secret-error", () => HttpResults.Json(new { message = "bad token sk-live-0123456789abcdef0123456789" }, statusCode: 401));
        app.Map("/ws-refused", (HttpContext c) => c.Response.StatusCode = 503);
        app.Map("/ws", EchoSocketAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestUpstream(app, new Uri(address));
    }

    // Echoes every message; "close-1011" makes the server fail the session, "whoami" reports the
    // headers that reached the upstream, "fragments" answers with one message in three frames.
    private static async Task EchoSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var selected = context.WebSockets.WebSocketRequestedProtocols.Contains("agentchat.v1") ? "agentchat.v1" : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(selected);
        var buffer = new byte[4096];
        while (true)
        {
            using var message = new MemoryStream();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, CancellationToken.None);
                return;
            }

            var text = Encoding.UTF8.GetString(message.ToArray());
            if (text == "close-1011")
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "boom", CancellationToken.None);
                await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                return;
            }

            if (text == "whoami")
            {
                var reply = $"auth={context.Request.Headers.Authorization};test={context.Request.Headers["X-Greenlight-Test"]}";
                await socket.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Text, true, CancellationToken.None);
                continue;
            }

            if (text == "fragments")
            {
                foreach (var (part, end) in new[] { ("one-", false), ("two-", false), ("three", true) })
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(part), WebSocketMessageType.Text, end, CancellationToken.None);
                }

                continue;
            }

            await socket.SendAsync(message.ToArray(), result.MessageType, true, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
