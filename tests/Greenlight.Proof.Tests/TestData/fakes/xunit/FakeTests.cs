using System.Net;
using System.Net.WebSockets;

namespace FakeSuite;

// Fake pattern: the connection error is caught and a MockWebSocket stands in for the service.
public sealed class MockFallback(ITestOutputHelper output)
{
    private sealed class MockWebSocket
    {
        public string[] Events() => ["connection_ready", "agent_started", "agent_completed"];
    }

    [Fact]
    public async Task AgentEvents_ArriveInOrder()
    {
        string[] events;
        try
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(Deployment.WebSocketUrl(Deployment.Url("BACKEND"), "ws/agents"), TestContext.Current.CancellationToken);
            events = [];
        }
        catch (WebSocketException e)
        {
            output.WriteLine($"WebSocket unavailable ({e.Message}), using MockWebSocket");
            events = new MockWebSocket().Events();
        }

        Assert.Equal(["connection_ready", "agent_started", "agent_completed"], events);
    }
}

// Fake pattern: tests that return before doing anything.
public sealed class DoesNothing
{
    [Fact]
    public void AgentDiscovery_Empty()
    {
    }

    [Fact]
    public void AgentConfiguration_ReturnsAtOnce()
    {
        return;
    }
}

// Fake pattern: a whole group skipped.
public sealed class SkippedGroup
{
    [Fact(Skip = "auth service not deployed in staging")]
    public void Login() => Assert.Fail("never runs");

    [Fact(Skip = "auth service not deployed in staging")]
    public void TokenValidation() => Assert.Fail("never runs");
}

// Fake pattern: "either it worked or the server refused", against a service answering 503 and 1011.
public sealed class AcceptsRefusal
{
    [Fact]
    public async Task AgentDiscovery_AcceptsOutage()
    {
        using var response = await Deployment.Http.GetAsync(new Uri(Deployment.Url("BROKEN"), "api/agents"), TestContext.Current.CancellationToken);
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
    }

    [Fact]
    public async Task WebSocketMessageSend_Accepts1011()
    {
        var reply = await Deployment.PingAsync(Deployment.Url("BROKEN"), null, TestContext.Current.CancellationToken);
        Assert.True(reply == "closed 1011" || reply!.Contains("pong", StringComparison.Ordinal), "accepts 1011 as infrastructure limitation");
    }
}

// Fake pattern: an address written in the test instead of GREENLIGHT_BACKEND_URL.
public sealed class HardcodedAddress
{
    private const string Backend = "{{DIRECT_BACKEND_URL}}";

    [Fact]
    public async Task AgentDiscovery_FromHardcodedHost()
    {
        using var response = await Deployment.Http.GetAsync(new Uri(new Uri(Backend), "api/agents"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

// Honest: every test talks to the deployment through GREENLIGHT_BACKEND_URL.
public sealed class Honest
{
    [Fact]
    public async Task BackendHealth()
    {
        using var response = await Deployment.Http.GetAsync(new Uri(Deployment.Url("BACKEND"), "health"), TestContext.Current.CancellationToken);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentDiscovery_Tagged()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Deployment.Url("BACKEND"), "api/agents"));
        request.Headers.Add("X-Greenlight-Test", "FakeSuite.Honest.AgentDiscovery_Tagged");
        using var response = await Deployment.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WebSocketPing()
    {
        var reply = await Deployment.PingAsync(Deployment.Url("BACKEND"), "FakeSuite.Honest.WebSocketPing", TestContext.Current.CancellationToken);
        Assert.Contains("pong", reply, StringComparison.Ordinal);
    }
}
