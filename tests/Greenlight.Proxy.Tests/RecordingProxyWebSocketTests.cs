using System.Net;
using System.Net.WebSockets;
using System.Text;
using Greenlight.Traffic;

namespace Greenlight.Proxy.Tests;

public sealed class RecordingProxyWebSocketTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdGFnaW5nLWUyZS11c2VyLTAwMSJ9.c2lnbmF0dXJlLXZhbHVl";

    [Fact]
    public async Task Echo_ThroughProxy_RelaysMessagesAndRecordsClientClose()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Greenlight-Test", "T003_websocket_message_send");

        await socket.ConnectAsync(WsUri(proxy, "ws"), cts.Token);
        await SendTextAsync(socket, "hello", cts.Token);
        Assert.Equal("hello", await ReceiveTextAsync(socket, cts.Token));
        await socket.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, cts.Token);
        var binary = new byte[16];
        var result = await socket.ReceiveAsync(binary, cts.Token);
        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
        Assert.Equal(new byte[] { 1, 2, 3 }, binary[..result.Count]);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);

        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.True(record.IsWebSocket);
        Assert.Equal(101, record.Status);
        Assert.Equal("/ws", record.Path);
        Assert.Equal("T003_websocket_message_send", record.Test);
        Assert.Equal(2, record.MessagesToServer);
        Assert.Equal(2, record.MessagesToClient);
        Assert.Equal(1000, record.CloseCode);
        Assert.Equal("client", record.ClosedBy);
        Assert.Equal("done", record.CloseReason);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task Subprotocols_WithBearerSubprotocol_ServerSelectsAgentChatAndTokenNotRecorded()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var dir = Directory.CreateTempSubdirectory("greenlight-proxy-");
        var path = Path.Combine(dir.FullName, "traffic.jsonl");
        string whoami;
        using (var log = new TrafficLog(path))
        {
            await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
            using var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("agentchat.v1");
            socket.Options.AddSubProtocol("agentchat.bearer." + Jwt);
            socket.Options.SetRequestHeader("Authorization", "Bearer " + Jwt);
            socket.Options.SetRequestHeader("X-Greenlight-Test", "T002");

            await socket.ConnectAsync(WsUri(proxy, "ws"), cts.Token);
            Assert.Equal("agentchat.v1", socket.SubProtocol);
            await SendTextAsync(socket, "whoami", cts.Token);
            whoami = await ReceiveTextAsync(socket, cts.Token);
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            await TrafficWait.ForAsync(log, 1, cts.Token);
        }

        Assert.Equal($"auth=Bearer {Jwt};test=T002", whoami);
        Assert.DoesNotContain(Jwt, await File.ReadAllTextAsync(path, cts.Token), StringComparison.Ordinal);
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task ServerCloses1011_ClientSees1011AndRecordSaysServer()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(WsUri(proxy, "ws"), cts.Token);
        await SendTextAsync(socket, "close-1011", cts.Token);
        var result = await socket.ReceiveAsync(new byte[64], cts.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.InternalServerError, socket.CloseStatus);
        Assert.Equal("boom", socket.CloseStatusDescription);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);

        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.Equal(1011, record.CloseCode);
        Assert.Equal("server", record.ClosedBy);
        Assert.Equal(1, record.MessagesToServer);
    }

    [Fact]
    public async Task Fragments_ThroughProxy_ArriveAsOneMessage()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(WsUri(proxy, "ws"), cts.Token);
        await SendTextAsync(socket, "fragments", cts.Token);
        Assert.Equal("one-two-three", await ReceiveTextAsync(socket, cts.Token));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);

        Assert.Equal(1, Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token)).MessagesToClient);
    }

    [Fact]
    public async Task Upgrade_UpstreamRefuses503_ClientGets503AndRecord()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WsUri(proxy, "ws-refused"), cts.Token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, socket.HttpStatusCode);
        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.True(record.IsWebSocket);
        Assert.Equal(503, record.Status);
        Assert.Null(record.CloseCode);
    }

    private static Uri WsUri(RecordingProxy proxy, string path) => new($"ws://{proxy.Url.Authority}/{path}");

    private static Task SendTextAsync(ClientWebSocket socket, string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }
}
