using Greenlight.Config;
using Greenlight.Processes;
using Greenlight.Proxy;
using Greenlight.Results;
using Greenlight.Runners;
using Greenlight.Secrets;
using Greenlight.Stages;
using Greenlight.Traffic;

namespace Greenlight.Proof.Tests;

/// <summary>
/// Runs the xUnit family of the corpus once per test class: a healthy and a broken service, each
/// behind its own recording proxy, the suite built and run by Greenlight's dotnet runner (TRX with
/// start and end times), then the evaluator.
/// </summary>
public sealed class XunitCorpus : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public SuiteRunResult Result { get; private set; } = null!;

    public SuiteProof Proof { get; private set; } = null!;

    public IReadOnlyList<Model.TrafficRecord> Traffic { get; private set; } = [];

    /// <summary>Full test name → its reason codes, sorted and comma-joined.</summary>
    public IReadOnlyDictionary<string, string> Codes =>
        Proof.Tests.ToDictionary(t => t.Case.FullName, t => string.Join(",", t.Reasons.Order(StringComparer.Ordinal)));

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = cts.Token;
        await using var backend = await CorpusService.StartAsync(faulty: false, ct);
        await using var broken = await CorpusService.StartAsync(faulty: true, ct);
        var project = Path.Combine(_dir.Path, "suite");
        CorpusRun.CopySuite(Path.Combine(AppContext.BaseDirectory, "TestData", "fakes", "xunit"), project, backend.Url);
        ProbeResult[] probes = [await CorpusRun.ProbeAsync(backend.Url, ct, "backend"), await CorpusRun.ProbeAsync(broken.Url, ct, "broken")];

        using var log = new TrafficLog(Path.Combine(_dir.Path, "traffic.jsonl"));
        await using (var backendProxy = await RecordingProxy.StartAsync("backend", backend.Url, log, ct))
        await using (var brokenProxy = await RecordingProxy.StartAsync("broken", broken.Url, log, ct))
        {
            var runner = new DotnetTestRunner(new ChildProcess(new SecretRedactor(), TimeProvider.System), ResultReaders.CreateDefault().Readers);
            var suite = new SuiteConfig { Id = "xunit-fakes", Priority = 1, Runner = "dotnet", Path = Path.Combine(project, "FakeSuite.Tests.csproj"), Timeout = TimeSpan.FromMinutes(5) };
            var environment = new Dictionary<string, string>
            {
                ["GREENLIGHT_BACKEND_URL"] = backendProxy.Url.ToString(),
                ["GREENLIGHT_BROKEN_URL"] = brokenProxy.Url.ToString(),
            };
            Result = await runner.RunAsync(suite, new SuiteRunContext(Path.Combine(_dir.Path, "run"), _dir.Path, environment, FailFast: false), ct);
            Assert.True(await backendProxy.WaitForIdleAsync(TimeSpan.FromSeconds(10), ct));
            Assert.True(await brokenProxy.WaitForIdleAsync(TimeSpan.FromSeconds(10), ct));
        }

        Traffic = log.Snapshot();
        Proof = new ProofEvaluator().Evaluate(new ProofInput
        {
            SuiteId = "xunit-fakes",
            Runner = "dotnet",
            Cases = Result.Cases,
            Traffic = Traffic,
            Probes = probes,
            Config = ProofConfig.Default,
        });
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
