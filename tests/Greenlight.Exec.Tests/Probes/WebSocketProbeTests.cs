using Greenlight.Config;
using Greenlight.Probes;
using Greenlight.Secrets;
using Greenlight.Stages;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Probes;

public sealed class WebSocketProbeTests(ProbeServer server) : IClassFixture<ProbeServer>, IDisposable
{
    private readonly HttpClient _http = new();
    private readonly SecretRedactor _redactor = new();
    private WebSocketProbe Probe => new(_http, TimeProvider.System, _redactor);
    private ProbeTarget Target => new("backend", server.BaseUrl, new Dictionary<string, Uri> { ["auth"] = server.BaseUrl, ["backend"] = server.BaseUrl });

    private static ProbeConfig Ws(string path, string placement = "subprotocol", string key = ProbeServer.BypassKey, bool token = true, double timeoutSeconds = 5) => new()
    {
        Kind = ProbeKind.WebSocket,
        Target = path,
        TokenPlacement = placement,
        // The test server speaks the sample's protocol; the probe has no defaults of its own for it.
        Subprotocols = ["agentchat.v1"],
        TokenSubprotocolPrefix = "agentchat.bearer.",
        ExpectFirstMessageType = "connection_ready",
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
        Token = token
            ? new TokenRequestConfig { Service = "auth", Path = "/token", Body = "{\"userId\":\"e2e-user-001\"}", Headers = new Dictionary<string, string> { ["X-E2E-Bypass-Key"] = key } }
            : null,
    };

    [Fact]
    public async Task ProbeAsync_TokenAsSubprotocol_HealthyAfterConnectionReady()
    {
        var result = await Probe.ProbeAsync(Ws("/ws"), Target, Timeout());

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal(101, result.StatusCode);
        Assert.Null(result.CloseCode);
        Assert.Equal("101 Switching Protocols, first message 'connection_ready'", result.Detail);
        Assert.StartsWith("ws://127.0.0.1:", result.Url, StringComparison.Ordinal);
        Assert.Contains($"agentchat.v1,agentchat.bearer.{ProbeServer.Token}", server.OfferedSubprotocols);
    }

    [Fact]
    public async Task ProbeAsync_TokenAsHeader_Healthy()
    {
        var result = await Probe.ProbeAsync(Ws("/ws", placement: "header"), Target, Timeout());

        Assert.True(result.Healthy, result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_NoToken_ServerCloses1008Recorded()
    {
        var result = await Probe.ProbeAsync(Ws("/ws", token: false), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Equal(101, result.StatusCode);
        Assert.Equal(1008, result.CloseCode);
        Assert.Equal("closed 1008 \"missing token\" before 'connection_ready'", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_ServerCloses1011_UnhealthyWithCloseCode()
    {
        var result = await Probe.ProbeAsync(Ws("/ws-crash"), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Equal(1011, result.CloseCode);
    }

    [Fact]
    public async Task ProbeAsync_ServerEchoesToken_TokenRedactedFromDetail()
    {
        var result = await Probe.ProbeAsync(Ws("/ws-reject"), Target, Timeout());

        Assert.Equal(1008, result.CloseCode);
        Assert.Contains("agentchat.bearer.***", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(ProbeServer.Token, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_NoFirstMessage_UnhealthyAfterTimeout()
    {
        var result = await Probe.ProbeAsync(Ws("/ws-silent", timeoutSeconds: 0.5), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Equal(101, result.StatusCode);
        Assert.Equal("no 'connection_ready' message within 0.5s", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_UpgradeAnswered503_UnhealthyWithStatus()
    {
        var result = await Probe.ProbeAsync(Ws("/ws-refused"), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal("upgrade refused: 503 Service Unavailable", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_TokenRequestRejected_UnhealthyNamingTokenService()
    {
        var result = await Probe.ProbeAsync(Ws("/ws", key: "wrong-key-000"), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Null(result.StatusCode);
        Assert.Equal("token request to auth /token answered 401 Unauthorized", result.Detail);
    }

    public void Dispose() => _http.Dispose();
}
