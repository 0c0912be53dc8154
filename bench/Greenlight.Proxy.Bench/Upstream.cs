using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Proxy.Bench;

/// <summary>A Kestrel service on loopback answering a small JSON body, like a health endpoint.</summary>
internal static class Upstream
{
    public static async Task<(WebApplication App, Uri Url)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", () => Microsoft.AspNetCore.Http.Results.Text("{\"status\":\"healthy\",\"database_status\":\"connected\"}", "application/json"));
        // An endpoint that waits on I/O for about a millisecond, like a service reading its database.
        app.MapGet("/work", async () =>
        {
            await Task.Delay(1);
            return Microsoft.AspNetCore.Http.Results.Text("{\"agents\":[\"triage\"]}", "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
