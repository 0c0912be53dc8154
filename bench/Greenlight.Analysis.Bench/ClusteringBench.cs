using System.Globalization;
using BenchmarkDotNet.Attributes;

namespace Greenlight.Analysis.Bench;

/// <summary>Clustering 100,000 failures whose messages all differ in their ids, ports and timings.</summary>
[MemoryDiagnoser]
public class ClusteringBench
{
    private static readonly string[] Templates =
    [
        "received 1011 (internal error) Internal error",
        "TimeoutError: timed out during opening handshake",
        "AssertionError: Backend not healthy: Service Unavailable\nassert 503 == 200",
        "assert 503 == 200",
        "httpx.ReadTimeout",
        "server rejected WebSocket connection: HTTP 503",
        "ValueError: Invalid user_id format: {guid}",
        "System.Net.Http.HttpRequestException : Connection refused (127.0.0.1:{port})",
        "KeyError: 'thread-{hex}'",
        "AssertionError: agent streaming took {secs}s (limit 60s)",
        "GET http://10.0.0.{n}:{port}/api/threads/{n} returned 500",
        "Assert.Equal() Failure: Values differ\nExpected: 200\nActual:   503",
    ];

    private List<FailureOccurrence> _failures = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _failures = [.. Enumerable.Range(0, 100_000).Select(i => new FailureOccurrence
        {
            Suite = $"suite-{i % 20}",
            Test = $"test_{i}",
            Phase = $"P{(i % 6) + 1}",
            Message = Templates[i % Templates.Length]
                .Replace("{guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{port}", random.Next(1024, 65535).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{hex}", random.Next().ToString("x8", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{secs}", (60 + random.NextDouble() * 60).ToString("0.00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{n}", random.Next(1, 250).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            StackTrace = "   at Tests.Run() in /src/Tests.cs:line 10",
        })];
    }

    [Benchmark]
    public int Cluster100k() => new FailureClusterer().Cluster(_failures).Count;
}
