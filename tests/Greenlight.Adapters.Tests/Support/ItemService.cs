using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Greenlight.Adapters.Tests.Support;

/// <summary>
/// A tiny real items API on 127.0.0.1:0. The suites talk to one behind the recording proxy, and
/// their fake test to a second one reached directly (the stub: its traffic never reaches the proxy).
/// </summary>
public sealed class ItemService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private ItemService(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Requests served; shows a fake test's request really happened, just not through the proxy.</summary>
    public int Hits => Volatile.Read(ref _hits);

    public static async Task<ItemService> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var service = new ItemService(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref service._hits);
            await next(context);
        });
        app.MapGet("/items/{id:int}", (int id) => HttpResults.Json(new Item(id, $"item-{id}")));
        app.MapPost("/items", () => HttpResults.Json(new Item(42, "created"), statusCode: 201));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Url = new Uri(address.TrimEnd('/') + "/");
        return service;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private sealed record Item(int Id, string Name);
}
