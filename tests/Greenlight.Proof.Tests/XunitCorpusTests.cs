namespace Greenlight.Proof.Tests;

/// <summary>The xUnit family of the fake-pattern corpus: each fake caught with exactly its codes.</summary>
public sealed class XunitCorpusTests(XunitCorpus corpus) : IClassFixture<XunitCorpus>
{
    [Fact]
    public void Run_AllCasesRead_WithTimes()
    {
        Assert.True(corpus.Result.Cases.Count == 11, string.Join("; ", corpus.Result.Problems));
        Assert.All(corpus.Result.Cases, c => Assert.NotNull(c.Started));
    }

    [Fact]
    public void MockFallback_MockMarker()
    {
        Assert.Equal("mock-marker", corpus.Codes["FakeSuite.MockFallback.AgentEvents_ArriveInOrder"]);
    }

    [Fact]
    public void DoesNothing_ZeroDurationAndNoTraffic()
    {
        var noOps = corpus.Proof.Tests.Where(t => t.Case.ClassName == "FakeSuite.DoesNothing").ToList();
        Assert.Equal(2, noOps.Count);
        Assert.All(noOps, t => Assert.Equal(TimingCodes.NoOp(t), corpus.Codes[t.Case.FullName]));
    }

    [Fact]
    public void SkippedGroup_Skipped()
    {
        Assert.Equal("skipped", corpus.Codes["FakeSuite.SkippedGroup.Login"]);
        Assert.Equal("skipped", corpus.Codes["FakeSuite.SkippedGroup.TokenValidation"]);
    }

    [Fact]
    public void AcceptsRefusal_ServerErrorAndUnhealthyService()
    {
        Assert.Equal("server-error,unhealthy-service", corpus.Codes["FakeSuite.AcceptsRefusal.AgentDiscovery_AcceptsOutage"]);
        Assert.Equal("server-error,unhealthy-service", corpus.Codes["FakeSuite.AcceptsRefusal.WebSocketMessageSend_Accepts1011"]);
    }

    [Fact]
    public void HardcodedAddress_NoTraffic()
    {
        Assert.Equal("no-traffic", corpus.Codes["FakeSuite.HardcodedAddress.AgentDiscovery_FromHardcodedHost"]);
    }

    [Fact]
    public void Honest_EveryPassProven()
    {
        var honest = corpus.Proof.Tests.Where(t => t.Case.FullName.StartsWith("FakeSuite.Honest.", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, honest.Count);
        Assert.All(honest, t => Assert.True(t.Proven, $"{t.Case.FullName}: {string.Join("; ", t.Evidence)}"));
    }
}
