using System.Net;
using Greenlight.Traffic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Greenlight.Proxy;

/// <summary>
/// An in-process proxy on 127.0.0.1 (port chosen by the OS) in front of one service, local or
/// remote. Every HTTP request and every WebSocket session becomes one
/// <see cref="Model.TrafficRecord"/> in the given <see cref="ITrafficLog"/>.
/// </summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    /// <summary>The header a suite may send with its own test name, to tie requests to tests.</summary>
    public const string TestHeader = "X-Greenlight-Test";

    private readonly WebApplication _app;
    private readonly InFlight _inFlight;
    private readonly TrafficRecorder _recorder;
    private readonly TimeProvider _time;

    private RecordingProxy(WebApplication app, InFlight inFlight, TrafficRecorder recorder, TimeProvider time, string service, Uri upstream, Uri url)
    {
        _app = app;
        _inFlight = inFlight;
        _recorder = recorder;
        _time = time;
        Service = service;
        Upstream = upstream;
        Url = url;
    }

    public string Service { get; }

    public Uri Upstream { get; }

    /// <summary>The address to give tests (as <c>GREENLIGHT_&lt;SERVICE&gt;_URL</c>).</summary>
    public Uri Url { get; }

    public static Task<RecordingProxy> StartAsync(string service, Uri upstream, ITrafficLog log, CancellationToken cancellationToken) =>
        StartAsync(service, upstream, log, new RecordingProxyOptions(), cancellationToken);

    public static async Task<RecordingProxy> StartAsync(
        string service, Uri upstream, ITrafficLog log, RecordingProxyOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        if (upstream.Scheme != Uri.UriSchemeHttp && upstream.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"upstream of '{service}' must be an http or https URL", nameof(upstream));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddHttpForwarder();

        var app = builder.Build();
        app.UseWebSockets();
        var recorder = new TrafficRecorder(log, options.Redactor);
        var http = new HttpForwarding(service, upstream, recorder, options, app.Services.GetRequiredService<IHttpForwarder>());
        var webSockets = new WebSocketRelay(service, upstream, recorder, options);
        var inFlight = new InFlight();
        app.Run(async context =>
        {
            using var exchange = inFlight.Enter();
            await (context.WebSockets.IsWebSocketRequest ? webSockets.RelayAsync(context) : http.ForwardAsync(context));
        });

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RecordingProxy(app, inFlight, recorder, options.TimeProvider, service, upstream, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Exchanges (requests, open WebSocket sessions) not yet recorded: still open, or queued for the log.</summary>
    public int InFlight => _inFlight.Count + _recorder.Pending;

    /// <summary>
    /// Waits until every exchange has been recorded, so traffic read after a suite is complete.
    /// False when something (a socket the suite left open) is still in flight after the timeout.
    /// </summary>
    public async Task<bool> WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiting = _time.GetTimestamp();
        while (InFlight > 0)
        {
            if (_time.GetElapsedTime(waiting) >= timeout)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        await _recorder.DisposeAsync();
    }
}
