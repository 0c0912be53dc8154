using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Benchmarks;

/// <summary>
/// One Kestrel server on 127.0.0.1 (port chosen by the OS) answering <c>GET /health/{ms}</c> with a
/// healthy JSON body after waiting that many milliseconds, so each probe has a known service time.
/// </summary>
public sealed class DelayedEndpoints : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DelayedEndpoints(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<DelayedEndpoints> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/health/{ms:int}", async (int ms, CancellationToken cancellationToken) =>
        {
            await Task.Delay(ms, cancellationToken);
            return Microsoft.AspNetCore.Http.Results.Text("""{"status":"healthy","database_status":"connected"}""", "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DelayedEndpoints(app, new Uri(address));
    }

    /// <summary>
    /// Serves a few requests over a raw socket, so the server's own first-request cost (JIT of Kestrel's
    /// pipeline) is paid before measuring without warming the client's HttpClient code as well.
    /// </summary>
    public async Task WarmServerAsync(int requests)
    {
        var request = System.Text.Encoding.ASCII.GetBytes($"GET /health/0 HTTP/1.1\r\nHost: {BaseUrl.Authority}\r\nConnection: close\r\n\r\n");
        for (var i = 0; i < requests; i++)
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(BaseUrl.Host, BaseUrl.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(request);
            await stream.CopyToAsync(Stream.Null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
