using Greenlight.Analysis.Evidence;
using Greenlight.Model;

namespace Greenlight.Analysis.Tests;

public sealed class ServicesInvolvedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    private static FailureCluster Cluster() => new FailureClusterer().Cluster(
    [
        new FailureOccurrence { Suite = "ws", Test = "AgentChat.E2E.P1.T001_websocket_connection", Message = "received 1011 (internal error) Internal error", Started = T0, Ended = T0.AddSeconds(2) },
    ])[0];

    private static TrafficRecord Record(string service, string? test, double at, int status = 200, int? close = null, string? closedBy = null, bool ws = false) => new()
    {
        Started = T0.AddSeconds(at), Latency = TimeSpan.FromMilliseconds(5), Service = service, Method = "GET", Path = ws ? "/ws" : "/api/agents",
        Status = status, Test = test, IsWebSocket = ws, CloseCode = close, ClosedBy = closedBy,
    };

    [Fact]
    public void Find_TaggedAndWindowedTraffic_ServicesFromProxy()
    {
        var traffic = new[]
        {
            Record("backend", "AgentChat.E2E.P1.T001_websocket_connection", 0.5, 101, 1011, "server", ws: true),
            Record("auth", null, 0.2),
            Record("frontend", null, 10),
            Record("billing", "other_test", 1),
        };

        Assert.Equal(["auth", "backend"], ServicesInvolved.Find(Cluster(), traffic, ["configured"]));
        Assert.Equal(["backend: GET /ws → 101, closed by server with 1011"], ServicesInvolved.Faults(ServicesInvolved.Records(Cluster(), traffic)));
    }

    [Fact]
    public void Find_NoProxyRecords_ConfiguredServices() =>
        Assert.Equal(["backend", "auth"], ServicesInvolved.Find(Cluster(), [Record("frontend", null, 30)], ["backend", "auth"]));
}
