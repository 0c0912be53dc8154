namespace AgentChat.FaultMatrix;

// One class per fault: xunit runs classes in parallel, tests within a class in sequence.

public sealed class HealthyServicesTests : FaultMatrixTest
{
    [Fact]
    public async Task NoFault_WholeSuite_AllPass()
    {
        var outcomes = await RunSuiteAsync("");

        Assert.All(outcomes, o => Assert.True(o.Passed, $"{o.Name}: {o.Message}"));
    }
}

public sealed class WsRecursionTests : FaultMatrixTest
{
    [Fact]
    public async Task WsRecursion_WholeSuite_SocketTestsFailWith1011() => await RunSuiteAsync("ws-recursion");
}

public sealed class RejectPendingAuthTests : FaultMatrixTest
{
    [Fact]
    public async Task RejectPendingAuth_WholeSuite_SocketTestsFailWith1011() => await RunSuiteAsync("reject-pending-auth");
}

public sealed class DropUpgradeTests : FaultMatrixTest
{
    [Fact]
    public async Task DropUpgrade_WholeSuite_SocketTestsFailWith503() => await RunSuiteAsync("drop-upgrade");
}

public sealed class UnwiredPipelineTests : FaultMatrixTest
{
    [Fact]
    public async Task UnwiredPipeline_WholeSuite_RunTestsFailByRunStartTimeout() => await RunSuiteAsync("unwired-pipeline");
}

public sealed class SlowDbTests : FaultMatrixTest
{
    [Fact]
    public async Task SlowDb_WholeSuite_RunAndAuthProbeTestsFail() => await RunSuiteAsync("slow-db");
}

public sealed class CrlfReplayTests : FaultMatrixTest
{
    [Fact]
    public async Task CrlfAgentDefinitions_WholeSuite_EveryBackendTestFailsToConnect() => await RunSuiteAsync(Deployment.CrlfReplay);
}

public sealed class StartupCrashTests : FaultMatrixTest
{
    [Fact]
    public async Task StartupCrash_DeprecatedAlias_SameFailuresAsTheCrlfReplay() => await RunSuiteAsync("startup-crash");
}

public sealed class WebBuildReplayTests : FaultMatrixTest
{
    [Fact]
    public async Task WebBuild_Replay_WebAppFailsToCompileAndRestoreUndoesIt()
    {
        var result = await WebBuildReplay.RunAsync(TestContext.Current.CancellationToken);

        Assert.Contains("app.MapWebPages(", result.ReplayedProgram, StringComparison.Ordinal);
        Assert.NotEqual(0, result.BuildExitCode);
        Assert.Contains("error CS1061: 'WebApplication' does not contain a definition for 'MapWebPages'", result.BuildOutput, StringComparison.Ordinal);
        Assert.Equal(result.CommittedProgram, result.RestoredProgram);
    }

    /// <summary>The web app is no part of auth and backend: with its build broken the whole E2E suite passes.</summary>
    [Fact]
    public async Task WebBuild_WholeSuite_AllPass() => await RunSuiteAsync(WebBuildReplay.Name);
}
