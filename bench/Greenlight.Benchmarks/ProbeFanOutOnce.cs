using System.Diagnostics;
using System.Globalization;
using Greenlight.Probes;
using Greenlight.Secrets;

namespace Greenlight.Benchmarks;

/// <summary>
/// The probe fan-out measured the way <c>greenlight run</c> meets it: in a fresh process (first run pays
/// for JIT and the first connections), then a few more runs each on a new HttpClient. Prints one line per
/// run: wall time of the 100 probes, the slowest probe's own latency, and their ratio to the slowest
/// endpoint's delay.
/// </summary>
public static class ProbeFanOutOnce
{
    public static async Task<int> RunAsync(int runs)
    {
        await using var server = await DelayedEndpoints.StartAsync();
        var services = ProbeFanOutBenchmark.Services(ProbeFanOutBenchmark.Endpoints, ProbeFanOutBenchmark.StepMs);
        var urls = services.ToDictionary(s => s.Name, _ => server.BaseUrl);
        var slowestMs = ProbeFanOutBenchmark.Endpoints * ProbeFanOutBenchmark.StepMs;
        await server.WarmServerAsync(20);
        var failures = 0;
        for (var run = 1; run <= runs; run++)
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var started = TimeProvider.System.GetUtcNow();
            var stopwatch = Stopwatch.StartNew();
            var results = await ProbeRunner.CreateDefault(http, TimeProvider.System, new SecretRedactor()).RunAsync(services, urls, CancellationToken.None);
            stopwatch.Stop();
            var unhealthy = results.Count(r => !r.Healthy);
            failures += unhealthy;
            var lastStart = (results.Max(r => r.At) - started).TotalMilliseconds;
            var maxLatency = results.Max(r => r.Latency).TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run={run} probes={results.Count} unhealthy={unhealthy} total_ms={stopwatch.Elapsed.TotalMilliseconds:0.0} " +
                $"last_probe_started_ms={lastStart:0.0} max_probe_latency_ms={maxLatency:0.0} slowest_endpoint_ms={slowestMs} ratio={stopwatch.Elapsed.TotalMilliseconds / slowestMs:0.000}"));
        }

        for (var run = 1; run <= runs; run++)
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var stopwatch = Stopwatch.StartNew();
            await RawFanOut.GetAllAsync(http, server.BaseUrl, ProbeFanOutBenchmark.Endpoints, ProbeFanOutBenchmark.StepMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"raw_httpclient run={run} total_ms={stopwatch.Elapsed.TotalMilliseconds:0.0} ratio={stopwatch.Elapsed.TotalMilliseconds / slowestMs:0.000}"));
        }

        return failures == 0 ? 0 : 1;
    }
}
