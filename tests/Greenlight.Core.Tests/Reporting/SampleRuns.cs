using Greenlight.Model;
using Greenlight.Verdicts;

namespace Greenlight.Core.Tests.Reporting;

/// <summary>Hand-made run records, shaped like what the pipeline records, for verdict and rendering tests.</summary>
internal static class SampleRuns
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 11, 22, 33, TimeSpan.Zero);

    public static RunRecord Base() => new()
    {
        RunId = "20261123-112233-ab12",
        Project = "agentchat",
        ConfigPath = "greenlight.yaml",
        StartedAt = Start,
        EndedAt = Start.AddSeconds(83),
        Focus = "golden-path",
        FocusRationale = "focus 'golden-path' from greenlight.yaml: p1-critical, p2-high",
        Services =
        [
            new ServiceRecord { Name = "auth", Url = "http://127.0.0.1:41001", Deployed = true, Revision = "git 92e448d+build 3f9c2e1d", StartedAt = Start.AddSeconds(5), BuildMs = 4200, StartMs = 1100, Log = "logs/auth.log" },
            new ServiceRecord { Name = "backend", Url = "http://127.0.0.1:41002", Deployed = true, Revision = "git 92e448d+build 77aa01bc", StartedAt = Start.AddSeconds(7), BuildMs = 5300, StartMs = 1400, Log = "logs/backend.log" },
        ],
        Revisions = new Dictionary<string, string> { ["auth"] = "git 92e448d+build 3f9c2e1d", ["backend"] = "git 92e448d+build 77aa01bc" },
        Probes =
        [
            new ProbeRecord { Service = "auth", Kind = "http", Url = "http://127.0.0.1:41001/health", Healthy = true, StatusCode = 200, LatencyMs = 12, Detail = "status=healthy, database_status=connected" },
            new ProbeRecord { Service = "backend", Kind = "http", Url = "http://127.0.0.1:41002/health", Healthy = true, StatusCode = 200, LatencyMs = 9, Detail = "status=healthy" },
            new ProbeRecord { Service = "backend", Kind = "websocket", Url = "ws://127.0.0.1:41002/ws", Healthy = true, StatusCode = 101, CloseCode = 1000, LatencyMs = 31, Detail = "first message connection_ready" },
        ],
        Commands =
        [
            new CommandRecord { Kind = "build", Subject = "auth", CommandLine = "dotnet build sample/AgentChat.Auth -c Release", DurationMs = 4200, ExitCode = 0 },
            new CommandRecord { Kind = "start", Subject = "auth", CommandLine = "dotnet sample/AgentChat.Auth/bin/Release/net10.0/AgentChat.Auth.dll --urls http://127.0.0.1:41001", DurationMs = 1100, Summary = "pid 4242" },
        ],
        Timings = new TimingsRecord { DeployMs = 12000, ProbeMs = 52, TestsMs = 60000, TotalMs = 83000 },
    };

    public static SuiteRecord Suite(string id, int priority, int passed, int failed = 0, int skipped = 0, double maxFailureRate = 0, string impact = "$120K+ MRR") => new()
    {
        Id = id,
        Priority = $"P{priority}",
        Category = "e2e",
        Impact = impact,
        Runner = "dotnet",
        MaxFailureRate = maxFailureRate,
        Command = $"dotnet test --project sample/AgentChat.E2E -- --filter-trait Priority=P{priority}",
        ExitCode = failed > 0 ? 2 : 0,
        StartedAt = Start.AddSeconds(20),
        DurationMs = 21_500,
        Total = passed + failed + skipped,
        Passed = passed,
        Failed = failed,
        Skipped = skipped,
        Output = $"suites/{id}/output.log",
    };

    public static IEnumerable<TestRecord> Tests(string suite, int passed, int failed = 0, int skipped = 0) =>
        Enumerable.Range(1, passed).Select(i => new TestRecord { Suite = suite, Name = $"AgentChat.E2E.Critical.Test{i:000}_websocket_connection", Outcome = TestOutcome.Passed, DurationMs = 800 + i, Proven = true, Requests = 2 + (i % 3) })
            .Concat(Enumerable.Range(1, failed).Select(i => new TestRecord { Suite = suite, Name = $"AgentChat.E2E.High.Test{i:000}_message_ordering", Outcome = TestOutcome.Failed, DurationMs = 1500, Proven = true, Message = "Assert.Equal() Failure: expected seq 3 | got 5\n   at Ordering.cs:42" }))
            .Concat(Enumerable.Range(1, skipped).Select(i => new TestRecord { Suite = suite, Name = $"AgentChat.E2E.High.Test{i:000}_skipped_auth", Outcome = TestOutcome.Skipped, Proven = false, Reasons = [ProofReason.Skipped], Message = "needs a second user" }));

    public static RunRecord WithVerdict(RunRecord run)
    {
        var phases = run.Suites.GroupBy(s => s.Priority).Select(g => PhaseEvaluator.Evaluate(g.Key, [.. g])).ToList();
        run = run with { Phases = phases };
        var verdict = VerdictCalculator.Compute(run);
        return run with { Verdict = verdict.Verdict, ExitCode = (int)verdict.Verdict, Reasons = verdict.Reasons, NextAction = verdict.NextAction };
    }

    public static RunRecord Green() => WithVerdict(Base() with
    {
        Suites = [Suite("p1-critical", 1, passed: 3) with { Outcome = StageOutcome.Passed }, Suite("p2-high", 2, passed: 2, maxFailureRate: 0.05, impact: "$80K MRR") with { Outcome = StageOutcome.Passed }],
        Tests = [.. Tests("p1-critical", 3), .. Tests("p2-high", 2)],
    });

    public static RunRecord RedWithFailFast() => WithVerdict(Base() with
    {
        Suites =
        [
            Suite("p1-critical", 1, passed: 2, failed: 1) with { Outcome = StageOutcome.Failed },
            SuiteEvaluator.NotRun(new Greenlight.Config.SuiteConfig { Id = "p2-high", Priority = 2, Runner = "dotnet", Path = "/x", Impact = "$80K MRR", MaxFailureRate = 0.05 }, "fail-fast: phase P1 missed its criterion"),
        ],
        Tests = [.. Tests("p1-critical", 2, failed: 1)],
    });

    public static RunRecord Blocked() => WithVerdict(Base() with
    {
        Services =
        [
            Base().Services[0],
            Base().Services[1] with { Deployed = false, Failure = "exited with code 134 during start" },
        ],
        Probes = [Base().Probes[0], new ProbeRecord { Service = "backend", Kind = "http", Url = "http://127.0.0.1:41002/health", Healthy = false, LatencyMs = 3, Detail = "connection refused" }],
        Suites =
        [
            SuiteEvaluator.NotRun(new Greenlight.Config.SuiteConfig { Id = "p1-critical", Priority = 1, Runner = "dotnet", Path = "/x", Impact = "$120K+ MRR" }, "blocked: a critical service is down"),
        ],
        LogExcerpts = [new LogExcerpt("backend", "logs/backend.log", ["info: starting AgentChat.Backend", "fail: AGENTCHAT_FAULT=startup-crash: crashing on purpose", "Unhandled exception. System.InvalidOperationException: startup-crash"])],
    });

    public static RunRecord UnprovenSkipped() => WithVerdict(Base() with
    {
        Suites = [Suite("p2-high", 2, passed: 1, skipped: 1, maxFailureRate: 0.05) with { Outcome = StageOutcome.Unproven }],
        Tests = [.. Tests("p2-high", 1, skipped: 1)],
    });

    /// <summary>Nothing failed, but one pass is a fake: it took no time and no request reached a service.</summary>
    public static RunRecord UnprovenFake() => WithVerdict(Base() with
    {
        Suites = [Suite("p1-critical", 1, passed: 3) with { ProofNotes = ["duration-drop: could not be evaluated for 3 test(s): no duration history for this test"] }],
        Tests = [.. Tests("p1-critical", 3).Select((t, i) => i == 1
            ? t with
            {
                DurationMs = 0, Proven = false, Requests = 0, Reasons = [ProofReason.ZeroDuration, ProofReason.NoTraffic],
                Evidence = ["zero-duration: took 0 ms, under the suite's floor of 1 ms", "no-traffic: no request reached auth or backend between 12:00:03.120 and 12:00:03.120"],
            }
            : t)],
    });
}
