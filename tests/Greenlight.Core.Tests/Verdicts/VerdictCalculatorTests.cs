using Greenlight.Core.Tests.Reporting;
using Greenlight.Model;
using Greenlight.Verdicts;

namespace Greenlight.Core.Tests.Verdicts;

public sealed class VerdictCalculatorTests
{
    [Fact]
    public void Compute_AllPassedAndHealthy_Green()
    {
        var run = SampleRuns.Green();

        Assert.Equal(Verdict.Green, run.Verdict);
        Assert.Equal(["all 5 tests in 2 suites ran, passed and are proven (5 with recorded traffic)", "2/2 critical services healthy"], run.Reasons);
    }

    [Fact]
    public void Compute_GreenWithACriticalServiceWithoutProbes_SaysOnlyItsPortWasChecked()
    {
        var green = SampleRuns.Green();
        var result = VerdictCalculator.Compute(green with { Probes = [.. green.Probes.Where(p => p.Service != "backend")] });

        Assert.Equal(Verdict.Green, result.Verdict);
        Assert.Equal("1/1 critical services healthy; backend has no probes (only its port was checked)", result.Reasons[1]);
    }

    [Fact]
    public void Compute_FailureAndFailFastStop_RedNamingBoth()
    {
        var run = SampleRuns.RedWithFailFast();

        Assert.Equal(Verdict.Red, run.Verdict);
        Assert.Equal(
            ["p1-critical: 1 of 3 tests failed (33.3 %, criterion at most 0 %)", "p2-high: not run (fail-fast: phase P1 missed its criterion)"],
            run.Reasons);
        Assert.StartsWith("Fix p1-critical / AgentChat.E2E.High.Test001_message_ordering (Assert.Equal() Failure", run.NextAction, StringComparison.Ordinal);
        Assert.Equal([StageOutcome.Failed, StageOutcome.NotRun], run.Phases.Select(p => p.Outcome));
    }

    [Fact]
    public void Compute_CriticalServiceDown_BlockedEvenWithoutTests()
    {
        var run = SampleRuns.Blocked();

        Assert.Equal(Verdict.Blocked, run.Verdict);
        Assert.Equal("critical service 'backend' failed to deploy: exited with code 134 during start", run.Reasons[0]);
        Assert.Equal("critical service 'backend' is unhealthy at http://127.0.0.1:41002/health: connection refused", run.Reasons[1]);
        Assert.Contains("logs/backend.log", run.NextAction, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SkippedTest_Unproven()
    {
        var run = SampleRuns.UnprovenSkipped();

        Assert.Equal(Verdict.Unproven, run.Verdict);
        Assert.Equal(["p2-high: 1 of 2 tests skipped; a skipped test is not a pass (skipped)"], run.Reasons);
    }

    public static TheoryData<string, Verdict, string> Scenarios => new()
    {
        { "zero-tests", Verdict.Unproven, "p1-critical: no tests ran" },
        { "collection-error", Verdict.Unproven, "p1-critical: collection failed, so some tests never ran" },
        { "truncated-results", Verdict.Unproven, "p1-critical: result file results.trx is truncated" },
        { "interrupted", Verdict.Unproven, "the run was interrupted before it finished" },
        { "timed-out", Verdict.Red, "p1-critical: timed out after 21.5 s" },
        { "failure-within-tolerance", Verdict.Red, "p2-high: 1 of 20 tests failed (5 %, criterion at most 5 %)" },
        { "non-critical-down", Verdict.Green, "non-critical service 'frontend' is unhealthy at http://127.0.0.1:41003/: HTTP 503; the run went on" },
        { "critical-probe-down", Verdict.Blocked, "critical service 'auth' is unhealthy at http://127.0.0.1:41001/health: HTTP 503" },
        { "unproven-pass", Verdict.Unproven, "p1-critical: 1 of 3 passes unproven (no-traffic, zero-duration)" },
        { "suite-proof-code", Verdict.Unproven, "p1-critical: collection-error: test_x.py: ImportError" },
        { "unproven-pass-and-failure", Verdict.Red, "p1-critical: 1 of 3 tests failed (33.3 %, criterion at most 0 %)" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Compute_Scenario_ExpectedVerdictAndReason(string scenario, Verdict expected, string reason)
    {
        var green = SampleRuns.Green();
        var p1 = green.Suites[0];
        var run = scenario switch
        {
            "zero-tests" => green with { Suites = [p1 with { Total = 0, Passed = 0, Problems = ["no tests ran"] }], Tests = [] },
            "collection-error" => green with { Suites = [p1 with { CollectionFailed = true }] },
            "truncated-results" => green with { Suites = [p1 with { Problems = ["result file results.trx is truncated"] }] },
            "interrupted" => green with { Interrupted = true },
            "timed-out" => green with { Suites = [p1 with { TimedOut = true }] },
            "failure-within-tolerance" => green with
            {
                Suites = [SampleRuns.Suite("p2-high", 2, passed: 19, failed: 1, maxFailureRate: 0.05)],
                Tests = [.. SampleRuns.Tests("p2-high", 19, failed: 1)],
            },
            "non-critical-down" => green with
            {
                Probes = [.. green.Probes, new ProbeRecord { Service = "frontend", Critical = false, Kind = "http", Url = "http://127.0.0.1:41003/", StatusCode = 503, Detail = "HTTP 503" }],
            },
            "unproven-pass" => green with { Tests = [.. green.Tests.Select((t, i) => i == 0 ? t with { Proven = false, Reasons = ["no-traffic", "zero-duration"] } : t)] },
            "suite-proof-code" => green with { Suites = [p1 with { ProofReasons = ["collection-error"], ProofEvidence = ["collection-error: test_x.py: ImportError"] }, .. green.Suites.Skip(1)] },
            "unproven-pass-and-failure" => green with
            {
                Suites = [p1 with { Passed = 2, Failed = 1 }, .. green.Suites.Skip(1)],
                Tests = [.. green.Tests.Select((t, i) => i switch
                {
                    0 => t with { Proven = false, Reasons = ["no-traffic"] },
                    1 => t with { Outcome = TestOutcome.Failed, Proven = false },
                    _ => t,
                })],
            },
            "critical-probe-down" => green with { Probes = [green.Probes[0] with { Healthy = false, StatusCode = 503, Detail = "HTTP 503" }] },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var result = VerdictCalculator.Compute(run);

        Assert.Equal(expected, result.Verdict);
        Assert.Contains(reason, result.Reasons);
    }
}
