using BenchmarkDotNet.Attributes;
using Greenlight.Config;
using Greenlight.Probes;
using Greenlight.Secrets;

namespace Greenlight.Benchmarks;

/// <summary>
/// 100 HTTP probes through the real <see cref="ProbeRunner"/> and <see cref="HttpProbe"/> against endpoints
/// that answer after 2, 4, ..., 200 ms (docs/benchmarks.md, "Probing 100 endpoints"). The baseline is the
/// slowest endpoint probed alone: with every probe in flight at once the fan-out costs little more.
/// "Cold" builds a new HttpClient per run, as <c>greenlight run</c> does once per process, so every probe
/// opens its own connection; "warm" reuses one client whose pool already holds the connections.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ProbeFanOutBenchmark
{
    public const int Endpoints = 100;
    public const int StepMs = 2;
    private static readonly Dictionary<string, string> Healthy = new() { ["status"] = "healthy", ["database_status"] = "connected" };
    private readonly SecretRedactor _redactor = new();
    private DelayedEndpoints _server = null!;
    private HttpClient _warm = null!;
    private ServiceConfig[] _all = [];
    private ServiceConfig[] _slowest = [];
    private Dictionary<string, Uri> _urls = [];

    /// <summary>One service per endpoint, as a config with 100 services would give.</summary>
    public static ServiceConfig[] Services(int count, int firstDelayMs) =>
    [
        .. Enumerable.Range(0, count).Select(i => new ServiceConfig
        {
            Name = $"svc{i:000}",
            Probes = [new ProbeConfig { Kind = ProbeKind.Http, Target = $"/health/{firstDelayMs + (i * StepMs)}", ExpectJson = Healthy, Timeout = TimeSpan.FromSeconds(10) }],
        }),
    ];

    [GlobalSetup]
    public void Start()
    {
        _server = DelayedEndpoints.StartAsync().GetAwaiter().GetResult();
        _warm = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _all = Services(Endpoints, StepMs);
        _slowest = [_all[^1]];
        _urls = _all.ToDictionary(s => s.Name, _ => _server.BaseUrl);
    }

    [GlobalCleanup]
    public void Stop()
    {
        _warm.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public Task<int> SlowestAloneCold() => ProbeColdAsync(_slowest);

    [Benchmark]
    public Task<int> HundredCold() => ProbeColdAsync(_all);

    [Benchmark]
    public Task<int> SlowestAloneWarm() => ProbeAsync(_warm, _slowest);

    [Benchmark]
    public Task<int> HundredWarm() => ProbeAsync(_warm, _all);

    [Benchmark]
    public async Task<int> HundredRawHttpClientCold()
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return await RawFanOut.GetAllAsync(http, _server.BaseUrl, Endpoints, StepMs);
    }

    private async Task<int> ProbeColdAsync(ServiceConfig[] services)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return await ProbeAsync(http, services);
    }

    private async Task<int> ProbeAsync(HttpClient http, ServiceConfig[] services)
    {
        var results = await ProbeRunner.CreateDefault(http, TimeProvider.System, _redactor).RunAsync(services, _urls, CancellationToken.None);
        var healthy = results.Count(r => r.Healthy);
        return healthy == services.Length ? healthy : throw new InvalidOperationException($"{services.Length - healthy} probes unhealthy: {results.First(r => !r.Healthy).Detail}");
    }
}
