using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Proxy.Bench;

/// <summary>
/// The floor for the recording proxy: the same Kestrel settings and the same YARP forwarder and
/// upstream client, forwarding every request and recording nothing.
/// </summary>
internal static class PlainForwarder
{
    public static async Task<(WebApplication App, Uri Url)> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var client = new HttpMessageInvoker(UpstreamClient.CreateHandler());
        var prefix = upstream.AbsoluteUri;
        app.Run(async context => await forwarder.SendAsync(context, prefix, client, ForwarderRequestConfig.Empty, HttpTransformer.Default));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
