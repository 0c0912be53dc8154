namespace Greenlight.Proof.Tests;

/// <summary>
/// Every way a green run has been seen to lie (docs/proof.md, "The fake-pattern corpus") as a real pytest suite against a real service behind the
/// recording proxy; each must yield exactly its reason codes, and the honest suite none.
/// </summary>
public sealed class PytestCorpusTests
{
    private static CancellationTokenSource Timeout() => new(TimeSpan.FromSeconds(90));

    [Fact]
    public async Task MockFallback_CatchesConnectionError_MockMarker()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/mock_fallback", faulty: false, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(new Dictionary<string, string> { ["test_agent_events_arrive_in_order"] = "mock-marker" }, outcome.Codes);
        Assert.Contains("MockWebSocket", Assert.Single(outcome.Proof.Tests).Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncWithoutPlugin_SkippedAndUnawaited()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/async_without_plugin", faulty: false, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(new Dictionary<string, string>
        {
            ["test_agent_run_completes"] = "skipped",
            ["test_agent_pipeline_runs"] = "unawaited-coroutine",
        }, outcome.Codes);
    }

    [Fact]
    public async Task DoesNothing_ReturnsAtOnce_ZeroDurationAndNoTraffic()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/does_nothing", faulty: false, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(2, outcome.Proof.Tests.Count);
        Assert.All(outcome.Proof.Tests, t => Assert.Equal(TimingCodes.NoOp(t), string.Join(",", t.Reasons.Order(StringComparer.Ordinal))));
    }

    [Fact]
    public async Task SkippedGroup_AllSkipped_EachSkipped()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/skipped_group", faulty: false, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(["skipped"], outcome.Codes.Values.Distinct());
        Assert.Equal(3, outcome.Codes.Count);
        Assert.All(outcome.Proof.Tests, t => Assert.Equal("skipped: auth service not deployed in staging", t.Evidence[0]));
    }

    [Fact]
    public async Task ImportError_NextToPassingModule_SuiteCollectionErrorAndPassProven()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/import_error", faulty: false, ["--continue-on-collection-errors"], cts.Token);

        Assert.Equal(1, outcome.Run.ExitCode);
        Assert.Equal(["collection-error"], outcome.Proof.SuiteReasons);
        Assert.Contains("test_broken_imports.py: ImportError: cannot import name 'AgentRegistryClient'", outcome.Proof.SuiteEvidence[0], StringComparison.Ordinal);
        var health = Assert.Single(outcome.Proof.Tests);
        Assert.True(health.Proven, string.Join("; ", health.Evidence));
    }

    [Fact]
    public async Task AcceptsRefusal_Service503And1011_ServerErrorAndUnhealthy()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/accepts_refusal", faulty: true, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(new Dictionary<string, string>
        {
            ["test_agent_discovery"] = "server-error,unhealthy-service",
            ["test_websocket_message_send"] = "server-error,unhealthy-service",
        }, outcome.Codes);
        var ws = outcome.Proof.Tests.Single(t => t.Case.Name == "test_websocket_message_send");
        Assert.Contains(ws.Evidence, e => e.Contains("closed 1011 by server", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HardcodedAddress_BypassesProxy_NoTraffic()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("fakes/pytest/hardcoded_address", faulty: false, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(new Dictionary<string, string> { ["test_agent_discovery"] = "no-traffic" }, outcome.Codes);
        Assert.Empty(outcome.Traffic);
    }

    [Fact]
    public async Task HonestSuite_EveryPassProven()
    {
        using var cts = Timeout();
        var outcome = await CorpusRun.RunAsync("honest/pytest", faulty: false, [], cts.Token);

        Assert.Equal(0, outcome.Run.ExitCode);
        Assert.Equal(4, outcome.Proof.Tests.Count);
        Assert.All(outcome.Proof.Tests, t => Assert.True(t.Proven, $"{t.Case.Name}: {string.Join("; ", t.Evidence)}"));
        Assert.All(outcome.Proof.Tests, t => Assert.True(t.Requests >= 1, t.Case.Name));
        Assert.Empty(outcome.Proof.SuiteReasons);
        var ws = outcome.Traffic.Single(r => r.IsWebSocket);
        Assert.Equal(("client", 1000, "test_websocket_ping"), (ws.ClosedBy, ws.CloseCode!.Value, ws.Test));
    }
}
