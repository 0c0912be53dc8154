using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Core.Tests.Runs;

// Scripted stages drive the orchestrator's decisions (order, fail-fast, blocking, stopping); the real
// deployer, probes and runners are tested against real processes in their own test classes.
internal sealed class ScriptedDeployer(Func<ServiceConfig, DeployContext, DeployResult> deploy) : IDeployer
{
    public List<string> Deployed { get; } = [];
    public int Stops { get; private set; }

    public Task<DeployResult> DeployAsync(ServiceConfig service, DeployContext context, CancellationToken cancellationToken)
    {
        Deployed.Add(service.Name);
        return Task.FromResult(deploy(service, context));
    }

    public Task StopAllAsync(CancellationToken cancellationToken)
    {
        Stops++;
        return Task.CompletedTask;
    }
}

internal sealed class ScriptedProbe(Func<ProbeTarget, bool> healthy) : IProbe
{
    public ProbeKind Kind => ProbeKind.Http;

    public Task<ProbeResult> ProbeAsync(ProbeConfig probe, ProbeTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(new ProbeResult
        {
            Service = target.Service, Kind = ProbeKind.Http, Url = new Uri(target.BaseUrl, probe.Target).ToString(),
            Healthy = healthy(target), StatusCode = healthy(target) ? 200 : 503, Detail = healthy(target) ? "status=healthy" : "HTTP 503",
        });
}

internal sealed class ScriptedRunner(Func<SuiteConfig, SuiteRunContext, CancellationToken, Task<SuiteRunResult>> run) : ITestRunner
{
    public string Name => "dotnet";
    public List<(string Suite, SuiteRunContext Context)> Runs { get; } = [];

    public Task<TestListing> ListAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TestListing([], []));

    public Task<SuiteRunResult> RunAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        Runs.Add((suite.Id, context));
        return run(suite, context, cancellationToken);
    }

    /// <summary>Set: the runner builds ahead (like the dotnet runner), recording each build; null: nothing to build.</summary>
    public List<string>? Prepared { get; init; }

    public Task<SuitePreparation?> PrepareAsync(SuiteConfig suite, SuiteRunContext context, CancellationToken cancellationToken)
    {
        if (Prepared is null)
        {
            return Task.FromResult<SuitePreparation?>(null);
        }

        Prepared.Add(suite.Id);
        return Task.FromResult<SuitePreparation?>(new SuitePreparation(true, $"built {Path.GetFileName(suite.Path)}"));
    }

    public static SuiteRunResult Result(string suite, int passed, int failed = 0) => new()
    {
        SuiteId = suite,
        CommandLine = $"dotnet test {suite}",
        ExitCode = failed > 0 ? 2 : 0,
        Duration = TimeSpan.FromSeconds(2),
        Cases =
        [
            .. Enumerable.Range(0, passed).Select(i => new TestCaseResult { Name = $"ok_{i}", Outcome = TestOutcome.Passed, Duration = TimeSpan.FromMilliseconds(40) }),
            .. Enumerable.Range(0, failed).Select(i => new TestCaseResult { Name = $"bad_{i}", Outcome = TestOutcome.Failed, Message = "boom" }),
        ],
    };
}
