using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Greenlight.Traffic;

namespace Greenlight.Proxy.Tests;

public sealed class RecordingProxyBadInputTests
{
    [Fact]
    public async Task Get_UpstreamAnswersGarbage_Returns502AndRecordsError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var garbage = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(cts.Token);
            var stream = client.GetStream();
            // Any bytes of the request will do: the answer is garbage whatever was asked.
            _ = await stream.ReadAsync(new byte[4096], cts.Token);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("this is not HTTP\r\n\r\n"), cts.Token);
        }, cts.Token);
        var log = new TrafficLog();
        var upstream = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream, log, cts.Token);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(proxy.Url, "api/agents"), cts.Token);
        await garbage;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.Equal(502, record.Status);
        Assert.NotNull(record.Error);
    }

    [Fact]
    public async Task WebSocket_ClientAbortsWithoutClose_RecordedWithoutCloserAndProxyIdle()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{proxy.Url.Authority}/ws"), cts.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, true, cts.Token);
        await socket.ReceiveAsync(new byte[64], cts.Token);

        socket.Abort();

        Assert.True(await proxy.WaitForIdleAsync(TimeSpan.FromSeconds(20), cts.Token));
        var record = Assert.Single(log.Snapshot());
        Assert.Null(record.ClosedBy);
        Assert.Null(record.CloseCode);
        Assert.Contains("client side ended without a close frame", record.Error, StringComparison.Ordinal);
        Assert.Equal(1, record.MessagesToServer);
    }
}
