using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Proof;
using Greenlight.Proxy;
using Greenlight.Results;
using Greenlight.Runners;
using Greenlight.Secrets;
using Greenlight.Stages;
using Greenlight.Traffic;

namespace Greenlight.Adapters.Tests.Support;

/// <summary>
/// One real run per test class: the suite is npm-installed, then run as a <c>runner: command</c>
/// suite through Greenlight's CommandRunner against an items service behind Greenlight's recording
/// proxy (GREENLIGHT_BACKEND_URL), with a second items service reached directly for the fake test
/// (GREENLIGHT_STUB_URL). The tests then judge the recorded traffic and the runner's report.
/// </summary>
public abstract class AdapterSuiteFixture : IAsyncLifetime
{
    private ItemService? _backend;
    private ItemService? _stub;
    private TrafficLog? _log;
    private RecordingProxy? _proxy;

    public string Root { get; private set; } = "";
    public SuiteRunResult Result { get; private set; } = null!;
    public IReadOnlyList<TrafficRecord> Records { get; private set; } = [];
    public string TrafficPath => Path.Combine(Root, "traffic.jsonl");
    public int StubHits => _stub?.Hits ?? 0;

    protected abstract string TestData { get; }
    protected abstract string Command { get; }
    protected abstract string Results { get; }

    /// <summary>Anything the suite needs after install and before the run (newman's tagged collection).</summary>
    protected virtual void Prepare(string root)
    {
    }

    public async ValueTask InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        Root = await NpmSuite.InstallAsync(TestData, cts.Token);
        Prepare(Root);
        _backend = await ItemService.StartAsync(cts.Token);
        _stub = await ItemService.StartAsync(cts.Token);
        _log = new TrafficLog(TrafficPath);
        _proxy = await RecordingProxy.StartAsync("backend", _backend.Url, _log, cts.Token);
        var environment = new Dictionary<string, string>
        {
            ["GREENLIGHT_BACKEND_URL"] = _proxy.Url.ToString().TrimEnd('/'),
            ["GREENLIGHT_STUB_URL"] = _stub.Url.ToString().TrimEnd('/'),
        };
        var context = new SuiteRunContext(Path.Combine(Root, ".greenlight", "suite"), Root, environment, FailFast: false);
        var suite = new SuiteConfig
        {
            Id = TestData,
            Priority = 1,
            Runner = "command",
            Path = Root,
            Command = Command,
            Results = Results,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var runner = new CommandRunner(new ChildProcess(new SecretRedactor(), TimeProvider.System), ResultReaders.CreateDefault().Readers, TimeProvider.System);
        Result = await runner.RunAsync(suite, context, cts.Token);
        // As a run does after each suite: every exchange recorded before the traffic is judged.
        if (!await _proxy.WaitForIdleAsync(TimeSpan.FromSeconds(10), cts.Token))
        {
            throw new InvalidOperationException("the proxy still had exchanges in flight after the suite");
        }

        Records = _log.Snapshot();
    }

    /// <summary>The output the suite's command wrote, for assertion messages.</summary>
    public string Output => Result.OutputPath is { } path && File.Exists(path) ? File.ReadAllText(path) : "";

    /// <summary>The runner's result file as written (a reporter that writes to a file leaves the output empty), for failure messages.</summary>
    public string ResultsText => Path.Combine(Root, Results) is var path && File.Exists(path) ? File.ReadAllText(path) : $"(no {Results})";

    /// <summary>
    /// Ties the recorded traffic to the report's cases with Greenlight's own attribution, each case
    /// known by <paramref name="names"/> (by default its Name and FullName, as the proof evaluator
    /// does). No case has a time window here, so only the header can tie a request.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TrafficRecord>> Attributed(Func<TestCaseResult, IEnumerable<string>>? names = null)
    {
        names ??= c => [c.Name, c.FullName];
        var subjects = Result.Cases.Select(c => new TrafficAttribution.Subject(names(c).ToHashSet(StringComparer.Ordinal), null)).ToList();
        var attribution = TrafficAttribution.Attribute(subjects, Records, TimeSpan.FromMilliseconds(250));
        return Result.Cases.Select((c, i) => (c.FullName, attribution.PerSubject[i]))
            .ToDictionary(p => p.FullName, p => p.Item2, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_backend is not null) await _backend.DisposeAsync();
        if (_stub is not null) await _stub.DisposeAsync();
        _log?.Dispose();
        // node_modules is hundreds of MB per suite; keep /tmp from filling up run after run.
        if (Root.Length > 0) Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        GC.SuppressFinalize(this);
    }
}
