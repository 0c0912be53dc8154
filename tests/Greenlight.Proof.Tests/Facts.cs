using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Stages;

namespace Greenlight.Proof.Tests;

/// <summary>Builders for hand-made facts in rule tests.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static TestCaseResult Case(string name = "T001", TestOutcome outcome = TestOutcome.Passed, double ms = 50, double startMs = 0, bool times = true, string? output = null, string? message = null) => new()
    {
        Name = name,
        ClassName = "Suite.P1",
        Outcome = outcome,
        Duration = TimeSpan.FromMilliseconds(ms),
        Started = times ? T0.AddMilliseconds(startMs) : null,
        Ended = times ? T0.AddMilliseconds(startMs + ms) : null,
        Output = output,
        Message = message,
    };

    public static TrafficRecord Request(double atMs, int status = 200, string service = "backend", string? test = null, string path = "/api/agents") => new()
    {
        Started = T0.AddMilliseconds(atMs),
        Latency = TimeSpan.FromMilliseconds(2),
        Service = service,
        Method = "GET",
        Path = path,
        Status = status,
        Test = test,
    };

    public static TrafficRecord Socket(double atMs, int closeCode, string closedBy) => Request(atMs, 101, path: "/ws") with
    {
        IsWebSocket = true,
        CloseCode = closeCode,
        ClosedBy = closedBy,
        SessionDuration = TimeSpan.FromMilliseconds(5),
    };

    public static ProbeResult Probe(double atMs, bool healthy, string service = "backend") => new()
    {
        Service = service,
        Kind = ProbeKind.Http,
        Url = $"http://127.0.0.1:5000/health",
        Healthy = healthy,
        StatusCode = healthy ? 200 : 503,
        Detail = healthy ? "ok" : "Service Unavailable",
        At = T0.AddMilliseconds(atMs),
    };

    public static TestEvidence Evidence(TestCaseResult c, IReadOnlyList<TrafficRecord>? traffic = null, TimeSpan? median = null, IReadOnlyList<string>? output = null, PytestTestEvent? pytest = null, IReadOnlyList<string>? services = null)
    {
        var records = traffic ?? [];
        return new TestEvidence
        {
            Case = c,
            Pytest = pytest,
            Window = c is { Started: { } s, Ended: { } e } ? new TimeWindow(s, e) : null,
            Duration = pytest?.WorkDuration ?? c.Duration,
            Traffic = records,
            TrafficKnown = c.Started is not null || records.Count > 0,
            MedianDuration = median,
            Output = output,
            TargetServices = services ?? [.. records.Select(r => r.Service).Distinct()],
        };
    }

    public static SuiteEvidence Suite(ProofConfig? config = null, IReadOnlyList<ProbeResult>? probes = null, string? runner = null) => new()
    {
        SuiteId = "p1-critical",
        Runner = runner,
        Config = config ?? ProofConfig.Default,
        Probes = probes ?? [],
        Cases = [Case()],
    };
}
