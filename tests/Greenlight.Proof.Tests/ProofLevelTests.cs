using Greenlight.Config;
using Greenlight.Model;
using static Greenlight.Proof.Tests.Facts;

namespace Greenlight.Proof.Tests;

/// <summary>Proof levels: a pass counts only when traffic is tied to it at the level its suite requires.</summary>
public sealed class ProofLevelTests
{
    private static readonly ProofConfig NoOutputRules = new()
    {
        Disabled = new Dictionary<string, string> { ["mock-marker"] = "no output in these facts", ["unhealthy-service"] = "no probes in these facts" },
    };

    private static readonly ProofConfig SuiteLevel = NoOutputRules with { Level = ProofLevel.Suite, LevelReason = "newman writes no per-request times" };

    [Fact]
    public void Evaluate_TimesAndTrafficInsideWindow_ProvenAtWindowLevel()
    {
        var input = new ProofInput { SuiteId = "api", Cases = [Case("T001", ms: 40, startMs: 0)], Traffic = [Request(10)], Config = NoOutputRules };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.True(proof.Tests[0].Proven);
        Assert.Equal(ProofLevel.Window, proof.Tests[0].Level);
        Assert.Contains("proof levels: 1 window (required: window)", proof.Notes);
    }

    [Fact]
    public void Evaluate_RequestInTwoOverlappingWindows_TiedToNeitherAndCounted()
    {
        var input = new ProofInput
        {
            SuiteId = "api",
            Cases = [Case("T001", ms: 100, startMs: 0), Case("T002", ms: 100, startMs: 50)],
            Traffic = [Request(70)],
            Config = NoOutputRules,
        };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.All(proof.Tests, t => Assert.Equal(0, t.Requests));
        Assert.All(proof.Tests, t => Assert.Contains("no-traffic", t.Reasons));
        Assert.Contains("1 request(s) fell into the windows of several tests running at once; tied to none of them", proof.Notes);
    }

    [Fact]
    public void Evaluate_NoTimesNoHeaderByDefault_NoAttributionSayingHowToRaiseIt()
    {
        var input = new ProofInput { SuiteId = "api", Runner = "command", Cases = [Case("T001", times: false)], Traffic = [Request(10)], Config = NoOutputRules };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.False(proof.Tests[0].Proven);
        Assert.Equal(["no-attribution"], proof.Tests[0].Reasons);
        Assert.Contains("proof level suite, the suite requires window", proof.Tests[0].Evidence[0], StringComparison.Ordinal);
        Assert.Contains("proof: {level: suite", proof.Tests[0].Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SuiteLevelAcceptedWithRealTraffic_ProvenAndReasonNoted()
    {
        var input = new ProofInput { SuiteId = "api", Runner = "command", Cases = [Case("T001", times: false)], Traffic = [Request(10)], Config = SuiteLevel };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.True(proof.Tests[0].Proven);
        Assert.Equal(ProofLevel.Suite, proof.Tests[0].Level);
        Assert.Empty(proof.SuiteReasons);
        Assert.Contains("proof level suite accepted for this suite: newman writes no per-request times", proof.Notes);
    }

    [Fact]
    public void Evaluate_SuiteLevelAcceptedButNoTrafficAtAll_SuiteNoTraffic()
    {
        var input = new ProofInput { SuiteId = "api", Runner = "command", Cases = [Case("T001", times: false)], Traffic = [], Config = SuiteLevel };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.Equal(["no-traffic"], proof.SuiteReasons);
    }

    [Fact]
    public void Evaluate_NoRecordingProxy_LevelNoneNotProven()
    {
        var input = new ProofInput { SuiteId = "api", Cases = [Case("T001")], Traffic = [], Recorded = false, Config = NoOutputRules with { RequireTraffic = false } };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.Equal(ProofLevel.None, proof.Tests[0].Level);
        Assert.Contains("no-attribution", proof.Tests[0].Reasons);
    }

    [Fact]
    public void Evaluate_HeaderNamesTheClassOfSeveralAssertions_AllTiedAtRequestLevel()
    {
        // newman: one request, several assertions; the request's header is the assertions' class name.
        var cases = new[] { Case("Status code is 200", times: false) with { ClassName = "ItemsGetAllItems" }, Case("Body has items", times: false) with { ClassName = "ItemsGetAllItems" } };
        var input = new ProofInput { SuiteId = "api", Cases = cases, Traffic = [Request(10, test: "ItemsGetAllItems")], Config = NoOutputRules };

        var proof = new ProofEvaluator().Evaluate(input);

        Assert.All(proof.Tests, t => Assert.Equal(ProofLevel.Request, t.Level));
        Assert.All(proof.Tests, t => Assert.True(t.Proven));
    }
}
