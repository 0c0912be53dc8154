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

namespace Greenlight.Proof.Tests;

/// <summary>
/// The tiny real service the corpus suites talk to (on 127.0.0.1:0). Faulty, it behaves like the
/// worklogs' broken backend: 503 on health and API, and WebSocket sessions closed with 1011.
/// </summary>
internal sealed class CorpusService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CorpusService(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<CorpusService> StartAsync(bool faulty, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/health", () => faulty
            ? HttpResults.Text("{\"status\":\"unhealthy\"}", "application/json", statusCode: 503)
            : HttpResults.Text("{\"status\":\"healthy\"}", "application/json"));
        app.MapGet("/api/agents", () => faulty
            ? HttpResults.StatusCode(503)
            : HttpResults.Text("[{\"id\":\"triage\"},{\"id\":\"data-helper\"}]", "application/json"));
        app.MapGet("/api/agents/{id}", (string id) => faulty ? HttpResults.StatusCode(503) : HttpResults.Text($"{{\"id\":\"{id}\"}}", "application/json"));
        app.Map("/ws", (HttpContext c) => SessionAsync(c, faulty));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CorpusService(app, new Uri(address));
    }

    private static async Task SessionAsync(HttpContext context, bool faulty)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var protocol = context.WebSockets.WebSocketRequestedProtocols.Contains("agentchat.v1") ? "agentchat.v1" : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var buffer = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }

            if (faulty)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "Internal error", CancellationToken.None);
                await socket.ReceiveAsync(buffer.AsMemory(), context.RequestAborted);
                return;
            }

            await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"pong\"}"), WebSocketMessageType.Text, true, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
