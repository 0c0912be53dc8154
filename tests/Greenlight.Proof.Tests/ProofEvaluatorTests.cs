using Greenlight.Config;
using Greenlight.Model;
using static Greenlight.Proof.Tests.Facts;

namespace Greenlight.Proof.Tests;

public sealed class ProofEvaluatorTests
{
    private static readonly ProofConfig NoOutputRules = new()
    {
        Disabled = new Dictionary<string, string> { ["mock-marker"] = "no output in these facts", ["unhealthy-service"] = "no probes in these facts" },
    };

    [Fact]
    public void Evaluate_HonestAndFakePasses_OnlyFakeUnproven()
    {
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001", ms: 40, startMs: 0), Case("T002", ms: 40, startMs: 1000), Case("T003", outcome: TestOutcome.Skipped, startMs: 2000, message: "auth down")],
            Traffic = [Request(10), Request(1500)],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.True(proof.Tests[0].Proven);
        Assert.Equal(1, proof.Tests[0].Requests);
        Assert.False(proof.Tests[1].Proven);
        Assert.Equal(["no-traffic"], proof.Tests[1].Reasons);
        Assert.Equal(["skipped"], proof.Tests[2].Reasons);
        Assert.Equal(1, proof.Proven);
        Assert.Equal(2, proof.Unproven);
        Assert.Empty(proof.SuiteReasons);
        Assert.Contains("mock-marker: disabled for this suite (no output in these facts)", proof.Notes);
    }

    [Fact]
    public void Evaluate_HeaderNamesAnotherTest_NotTiedByTime()
    {
        // T002's request arrives while T001 runs (parallel tests): the header decides.
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001", ms: 100), Case("T002", ms: 100, startMs: 50)],
            Traffic = [Request(10, test: "Suite.P1.T002")],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.Equal(["no-traffic"], proof.Tests[0].Reasons);
        Assert.True(proof.Tests[1].Proven);
    }

    [Fact]
    public void Evaluate_HeaderMatchWithoutTimes_AttributesByHeaderAndTheUntaggedPassSentNothing()
    {
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001", times: false), Case("T002", times: false)],
            Traffic = [Request(10, 503, test: "T001")],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.Equal(["server-error"], proof.Tests[0].Reasons);
        Assert.Equal(ProofLevel.Request, proof.Tests[0].Level);
        // The suite's process tags its requests, so a pass whose name no request carried sent none.
        Assert.False(proof.Tests[1].Proven);
        Assert.Equal(ProofLevel.Request, proof.Tests[1].Level);
        Assert.Equal(["no-traffic"], proof.Tests[1].Reasons);
        Assert.Contains("no-traffic: no request carried this test's name (X-Greenlight-Test), while the suite's other tests tagged theirs: it sent none through the recording proxies",
            proof.Tests[1].Evidence);
    }

    [Fact]
    public void Evaluate_NoRequestTaggedAndNoTimes_SuiteLevelAndNotProven()
    {
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001", times: false), Case("T002", times: false)],
            Traffic = [Request(10, 200)],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        // A pass no request and no window ties to it is not proven: the checks could not look at its traffic.
        Assert.All(proof.Tests, t =>
        {
            Assert.False(t.Proven);
            Assert.Equal(ProofLevel.Suite, t.Level);
            Assert.Equal(["no-attribution"], t.Reasons);
        });
        Assert.Contains("no-traffic: could not be evaluated for 2 test(s): the runner gave no start/end times and no request carried X-Greenlight-Test for this test", proof.Notes);
    }

    [Fact]
    public void Evaluate_RequestJustOutsideWindow_TiedToNearestWithinSkew()
    {
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001", ms: 40, startMs: 0), Case("T002", ms: 40, startMs: 1000)],
            Traffic = [Request(140), Request(1300)],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.Equal(1, proof.Tests[0].Requests);
        Assert.Equal(0, proof.Tests[1].Requests);
        Assert.Equal(["no-traffic"], proof.Tests[1].Reasons);
    }

    [Fact]
    public void Evaluate_UnknownTestHeader_NotedAndTiedByTime()
    {
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001")],
            Traffic = [Request(10, test: "SomeOtherSuite.T999")],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.True(proof.Tests[0].Proven);
        Assert.Contains(proof.Notes, n => n.StartsWith("1 request(s) named a test", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_RequireTrafficFalse_NoTrafficOffWithNote()
    {
        var input = new ProofInput
        {
            SuiteId = "p1",
            Cases = [Case("T001")],
            Config = NoOutputRules with { RequireTraffic = false },
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.True(proof.Tests[0].Proven);
        Assert.Contains("no-traffic: disabled for this suite (require_traffic: false)", proof.Notes);
    }

    [Fact]
    public void Evaluate_NoCases_SuiteReasonNoTests()
    {
        var proof = new ProofEvaluator().Evaluate(new ProofInput { SuiteId = "p1", Cases = [], Collected = 0 });

        Assert.Equal(["no-tests"], proof.SuiteReasons);
        Assert.True(proof.HasUnproven);
    }

    [Fact]
    public void Validate_UnknownDisabledRuleAndBadRatio_Reported()
    {
        var config = new ProofConfig { DurationDropRatio = 2, Disabled = new Dictionary<string, string> { ["no-such-rule"] = "x", ["skipped"] = " " } };

        var problems = config.Validate();

        Assert.Equal(3, problems.Count);
    }
}
