using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Proof.Rules;
using static Greenlight.Proof.Tests.Facts;

namespace Greenlight.Proof.Tests;

public sealed class ProofRuleTests
{
    [Theory]
    [InlineData(0.2, ProofCheckStatus.Unproven)]
    [InlineData(0, ProofCheckStatus.Unproven)]
    [InlineData(5, ProofCheckStatus.Ok)]
    public void ZeroDuration_PassByDuration_JudgedAgainstDefaultFloor(double ms, ProofCheckStatus expected)
    {
        Assert.Equal(expected, new ZeroDurationRule().CheckTest(Evidence(Case(ms: ms)), Suite()).Status);
    }

    [Fact]
    public void ZeroDuration_SuiteFloor_UsesConfiguredMinimum()
    {
        var check = new ZeroDurationRule().CheckTest(Evidence(Case(ms: 20)), Suite(new ProofConfig { MinDurationMs = 50 }));
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Equal("took 20 ms, below the floor of 50 ms", check.Detail);
    }

    [Fact]
    public void ZeroDuration_FastPassWithItsOwnRecordedRequest_Ok()
    {
        // A request on a kept-alive connection can take well under a millisecond; it still happened.
        Assert.Equal(ProofCheckStatus.Ok, new ZeroDurationRule().CheckTest(Evidence(Case(ms: 0.4), [Request(0)]), Suite()).Status);
    }

    [Fact]
    public void ZeroDuration_Failure_NotApplicable()
    {
        Assert.Equal(ProofCheckStatus.NotApplicable, new ZeroDurationRule().CheckTest(Evidence(Case(ms: 0, outcome: TestOutcome.Failed)), Suite()).Status);
    }

    [Fact]
    public void DurationDrop_FarBelowMedian_Unproven()
    {
        var check = new DurationDropRule().CheckTest(Evidence(Case(ms: 2730), median: TimeSpan.FromSeconds(120)), Suite());
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Contains("took 2.73 s; median of its last passing runs 120.00 s", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DurationDrop_NearMedian_Ok()
    {
        Assert.Equal(ProofCheckStatus.Ok, new DurationDropRule().CheckTest(Evidence(Case(ms: 100_000), median: TimeSpan.FromSeconds(120)), Suite()).Status);
    }

    [Fact]
    public void DurationDrop_NoHistory_NotEvaluated()
    {
        var check = new DurationDropRule().CheckTest(Evidence(Case()), Suite());
        Assert.Equal(ProofCheckStatus.NotEvaluated, check.Status);
        Assert.Equal("no duration history for this test", check.Detail);
    }

    [Fact]
    public void Skipped_SkippedTest_UnprovenWithReason()
    {
        var check = new SkippedRule().CheckTest(Evidence(Case(outcome: TestOutcome.Skipped, message: "auth not deployed")), Suite());
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Equal("auth not deployed", check.Detail);
        Assert.Equal(ProofCheckStatus.NotApplicable, new SkippedRule().CheckTest(Evidence(Case()), Suite()).Status);
    }

    [Fact]
    public void NoTests_EmptySuite_Unproven()
    {
        Assert.Equal(ProofCheckStatus.Unproven, new NoTestsRule().CheckSuite(Suite() with { Cases = [] }).Status);
        Assert.Equal(ProofCheckStatus.Unproven, new NoTestsRule().CheckSuite(Suite() with { Collected = 0 }).Status);
        Assert.Equal(ProofCheckStatus.Ok, new NoTestsRule().CheckSuite(Suite()).Status);
    }

    [Fact]
    public void CollectionError_JUnitPseudoCase_Unproven()
    {
        var pseudo = new TestCaseResult { Name = "tests.test_bad", Outcome = TestOutcome.Error, Message = "collection failure" };
        var check = new CollectionErrorRule().CheckSuite(Suite() with { Cases = [Case(), pseudo] });
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Contains("tests.test_bad", check.Detail, StringComparison.Ordinal);
        Assert.Equal(ProofCheckStatus.Ok, new CollectionErrorRule().CheckSuite(Suite()).Status);
    }

    [Fact]
    public void NoTraffic_WindowWithoutRequests_UnprovenElseOk()
    {
        Assert.Equal(ProofCheckStatus.Unproven, new NoTrafficRule().CheckTest(Evidence(Case()), Suite()).Status);
        Assert.Equal(ProofCheckStatus.Ok, new NoTrafficRule().CheckTest(Evidence(Case(), [Request(10)]), Suite()).Status);
    }

    [Fact]
    public void NoTraffic_NoTimesNoHeader_NotEvaluatedNotGuessed()
    {
        var check = new NoTrafficRule().CheckTest(Evidence(Case(times: false)), Suite());
        Assert.Equal(ProofCheckStatus.NotEvaluated, check.Status);
        Assert.Contains("no start/end times", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerError_503OrServer1011_Unproven()
    {
        var rule = new ServerErrorRule();
        var http = rule.CheckTest(Evidence(Case(), [Request(10), Request(20, 503, path: "/health")]), Suite());
        Assert.Equal(ProofCheckStatus.Unproven, http.Status);
        Assert.StartsWith("backend GET /health → 503 at 12:00:00.020", http.Detail, StringComparison.Ordinal);
        var ws = rule.CheckTest(Evidence(Case(), [Socket(10, 1011, "server")]), Suite());
        Assert.Equal(ProofCheckStatus.Unproven, ws.Status);
        Assert.Contains("closed 1011 by server", ws.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerError_NormalCloseOrClient1011_Ok()
    {
        var rule = new ServerErrorRule();
        Assert.Equal(ProofCheckStatus.Ok, rule.CheckTest(Evidence(Case(), [Socket(10, 1000, "client")]), Suite()).Status);
        Assert.Equal(ProofCheckStatus.Ok, rule.CheckTest(Evidence(Case(), [Socket(10, 1011, "client")]), Suite()).Status);
        Assert.Equal(ProofCheckStatus.NotEvaluated, rule.CheckTest(Evidence(Case(times: false)), Suite()).Status);
    }

    [Fact]
    public void UnawaitedCoroutine_PluginWarning_Unproven()
    {
        var pytest = new PytestTestEvent
        {
            NodeId = "t.py::T001",
            Outcome = TestOutcome.Passed,
            Warnings = [new PytestWarning("RuntimeWarning", "coroutine 'connect' was never awaited", "/x/t.py", 7)],
        };
        var check = new UnawaitedCoroutineRule().CheckTest(Evidence(Case(), pytest: pytest, output: []), Suite(runner: "pytest"));
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Equal("RuntimeWarning: coroutine 'connect' was never awaited (t.py:7)", check.Detail);
    }

    [Fact]
    public void UnawaitedCoroutine_OutputLineOrMissingPlugin_JudgedHonestly()
    {
        var rule = new UnawaitedCoroutineRule();
        Assert.Equal(ProofCheckStatus.Unproven, rule.CheckTest(Evidence(Case(), output: ["x.py:3: RuntimeWarning: coroutine 'go' was never awaited"]), Suite()).Status);
        Assert.Equal(ProofCheckStatus.NotEvaluated, rule.CheckTest(Evidence(Case()), Suite(runner: "pytest")).Status);
        Assert.Equal(ProofCheckStatus.NotApplicable, rule.CheckTest(Evidence(Case()), Suite(runner: "dotnet")).Status);
    }

    [Fact]
    public void MockMarker_DefaultPatternInOutput_UnprovenWithLine()
    {
        var check = new MockMarkerRule().CheckTest(Evidence(Case(), output: ["connecting", "backend down, using MockWebSocket instead"]), Suite());
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Equal("output matched \"MockWebSocket\": backend down, using MockWebSocket instead", check.Detail);
    }

    [Fact]
    public void MockMarker_RegexPatternAndHonestOutput_Judged()
    {
        var config = new ProofConfig { MockPatterns = ["re:stub(bed)? server"] };
        Assert.Equal(ProofCheckStatus.Unproven, new MockMarkerRule().CheckTest(Evidence(Case(), output: ["Stubbed server answered"]), Suite(config)).Status);
        Assert.Equal(ProofCheckStatus.Ok, new MockMarkerRule().CheckTest(Evidence(Case(), output: ["agent_completed"]), Suite()).Status);
        Assert.Equal(ProofCheckStatus.NotEvaluated, new MockMarkerRule().CheckTest(Evidence(Case()), Suite()).Status);
    }

    [Fact]
    public void UnhealthyService_ProbeFailingDuringWindow_Unproven()
    {
        var suite = Suite(probes: [Probe(-5000, healthy: true), Probe(20, healthy: false)]);
        var check = new UnhealthyServiceRule().CheckTest(Evidence(Case(ms: 100), [Request(10)]), suite);
        Assert.Equal(ProofCheckStatus.Unproven, check.Status);
        Assert.Contains("backend probe http://127.0.0.1:5000/health → 503 failing", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnhealthyService_RecoveredBeforeWindow_Ok()
    {
        var suite = Suite(probes: [Probe(-5000, healthy: false), Probe(-1000, healthy: true)]);
        Assert.Equal(ProofCheckStatus.Ok, new UnhealthyServiceRule().CheckTest(Evidence(Case(ms: 100), [Request(10)]), suite).Status);
    }

    [Fact]
    public void UnhealthyService_OtherServiceFailing_Ok()
    {
        var suite = Suite(probes: [Probe(-1000, healthy: true), Probe(20, healthy: false, service: "frontend")]);
        Assert.Equal(ProofCheckStatus.Ok, new UnhealthyServiceRule().CheckTest(Evidence(Case(ms: 100), [Request(10)]), suite).Status);
    }

    [Fact]
    public void UnhealthyService_NoTimes_NotEvaluated()
    {
        var suite = Suite(probes: [Probe(20, healthy: false)]);
        Assert.Equal(ProofCheckStatus.NotEvaluated, new UnhealthyServiceRule().CheckTest(Evidence(Case(times: false), [Request(10)]), suite).Status);
    }

    [Fact]
    public void Codes_OneRulePerDesignCode()
    {
        Assert.Equal(ProofReason.All.Order(), ProofRules.All.Select(r => r.Code).Order());
    }
}
