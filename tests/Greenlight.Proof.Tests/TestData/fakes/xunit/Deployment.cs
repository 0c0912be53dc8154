using System.Net.WebSockets;
using System.Text;

// Tests run one after another, as the pytest corpus does: untagged requests are tied to tests by
// time, and parallel windows would overlap (docs/proof.md).
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace FakeSuite;

internal static class Deployment
{
    public static readonly HttpClient Http = new();

    public static Uri Url(string service) =>
        new(Environment.GetEnvironmentVariable($"GREENLIGHT_{service}_URL") ?? throw new InvalidOperationException($"GREENLIGHT_{service}_URL is not set"));

    public static Uri WebSocketUrl(Uri service, string path) => new($"ws://{service.Authority}/{path}");

    public static async Task<string?> PingAsync(Uri service, string? test, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("agentchat.v1");
        if (test is not null) socket.Options.SetRequestHeader("X-Greenlight-Test", test);
        await socket.ConnectAsync(WebSocketUrl(service, "ws"), ct);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"ping\"}"), WebSocketMessageType.Text, true, ct);
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, ct);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct);
            return $"closed {(int?)socket.CloseStatus}";
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }
}
