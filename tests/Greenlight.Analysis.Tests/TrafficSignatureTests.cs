using Greenlight.Analysis.Evidence;
using Greenlight.Model;

namespace Greenlight.Analysis.Tests;

public sealed class TrafficSignatureTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 11, 0, 0, TimeSpan.Zero);

    private static FailureOccurrence Failure(string test, double at, string message = "AssertionError: expected false to be truthy") =>
        new() { Suite = "api", Test = test, Message = message, Started = T0.AddSeconds(at), Ended = T0.AddSeconds(at + 1) };

    private static TrafficRecord Exchange(double at, string method, string path, int status, string? errorText = null, string? test = null) => new()
    {
        Started = T0.AddSeconds(at), Latency = TimeSpan.FromMilliseconds(3), Service = "api", Method = method, Path = path,
        Status = status, ErrorText = errorText, Test = test,
    };

    [Theory]
    [InlineData("/articles/42/comments/7?x=1", "/articles/{id}/comments/{id}")]
    [InlineData("/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301", "/users/{id}")]
    [InlineData("/blobs/deadbeef01", "/blobs/{id}")]
    [InlineData("/articles/how-to-train-your-dragon", "/articles/how-to-train-your-dragon")]
    [InlineData("/profiles/user_12345/follow", "/profiles/{id}/follow")]
    public void RouteOf_FoldsIdsNumbersAndGuids(string path, string route) => Assert.Equal(route, FailingExchange.RouteOf(path));

    [Theory]
    [InlineData("AssertionError: expected false to be truthy", true)]
    [InlineData("Assert.True() Failure\nExpected: True\nActual:   False", true)]
    [InlineData("AssertionError", true)]
    [InlineData("assert False\n +  where False = <Response [422]>.ok", true)]
    [InlineData("assert 503 == 200", false)]
    [InlineData("received 1011 (internal error) Internal error", false)]
    [InlineData("ValueError: Invalid user_id format: pending_auth", false)]
    public void IsGeneric_OnlyMessagesThatNameNoFault(string message, bool generic) =>
        Assert.Equal(generic, SignatureNormalizer.IsGeneric(SignatureNormalizer.Normalize(message, null).Key));

    [Fact]
    public void Cluster_OneGenericMessage_OneClusterPerDistinctFailingExchange()
    {
        var failures = new[] { Failure("t1", 0), Failure("t2", 2), Failure("t3", 4), Failure("t4", 6), Failure("t5", 8) };
        var traffic = new[]
        {
            Exchange(0.1, "POST", "/users/login", 200),
            Exchange(0.2, "GET", "/articles?limit=1", 422, "The tag field is required."),
            Exchange(2.2, "GET", "/articles?limit=5", 422, "The tag field is required."),
            Exchange(4.1, "GET", "/profiles/17", 404, "profile 17 not found"),
            Exchange(6.1, "GET", "/profiles/23", 404, "profile 23 not found"),
            Exchange(8.1, "PUT", "/articles/9", 500, "Internal Server Error"),
        };

        var clusters = new FailureClusterer().Cluster(failures, traffic);

        Assert.Equal(3, clusters.Count);
        var tag = Assert.Single(clusters, c => c.Signature.Title == "GET /articles → 422 \"The tag field is required.\"");
        Assert.Equal(["t1", "t2"], tag.Tests);
        Assert.Contains(422, tag.Signature.Codes);
        Assert.Equal(["t3", "t4"], Assert.Single(clusters, c => c.Signature.Title.StartsWith("GET /profiles/{id} → 404", StringComparison.Ordinal)).Tests);
        var crash = Assert.Single(clusters, c => c.Signature.Title.StartsWith("PUT /articles/{id} → 500", StringComparison.Ordinal));
        Assert.Equal(["api: PUT /articles/9 → 500 \"Internal Server Error\""], ServicesInvolved.Faults(ServicesInvolved.Records(crash, traffic), crash.Signature.Exchange));
    }

    [Fact]
    public void Cluster_SpecificMessage_StillDecidesAndKeepsItsExchange()
    {
        var failures = new[] { Failure("t1", 0, "assert 503 == 200"), Failure("t2", 2, "assert 503 == 200") };
        var traffic = new[] { Exchange(0.1, "GET", "/a", 503, "db down"), Exchange(2.1, "GET", "/b", 503, "cache down") };

        var cluster = Assert.Single(new FailureClusterer().Cluster(failures, traffic));

        Assert.Equal("expected 200, got 503", cluster.Signature.Title);
        Assert.Equal("GET /a → 503 \"db down\"", cluster.Signature.Exchange?.Title);
    }

    [Fact]
    public void Cluster_TaggedTraffic_TiesTheExchangeToItsTestOutsideTheWindow()
    {
        var failures = new[] { Failure("suite::t1", 0), Failure("suite::t2", 0) };
        var traffic = new[]
        {
            Exchange(0.5, "GET", "/a", 400, "bad a", test: "t1"),
            Exchange(0.5, "GET", "/b", 409, "conflict b", test: "t2"),
        };

        var clusters = new FailureClusterer().Cluster(failures, traffic);

        Assert.Equal(2, clusters.Count);
        Assert.Equal(["suite::t2"], Assert.Single(clusters, c => c.Signature.Key.Contains("409", StringComparison.Ordinal)).Tests);
    }

    [Fact]
    public void Cluster_WebSocketClose_IsTheExchange()
    {
        var failures = new[] { Failure("t1", 0, "AssertionError") };
        var traffic = new[]
        {
            new TrafficRecord
            {
                Started = T0.AddSeconds(0.1), Latency = TimeSpan.Zero, Service = "backend", Method = "GET", Path = "/ws/7", Status = 101,
                IsWebSocket = true, CloseCode = 1008, ClosedBy = "server", CloseReason = "policy violation",
            },
        };

        var cluster = Assert.Single(new FailureClusterer().Cluster(failures, traffic));

        Assert.Equal("WebSocket /ws/{id} closed with 1008 \"policy violation\"", cluster.Signature.Title);
        Assert.Contains(1008, cluster.Signature.Codes);
    }
}
