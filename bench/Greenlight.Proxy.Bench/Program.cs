using System.Diagnostics;
using System.Globalization;
using Greenlight.Proxy;
using Greenlight.Proxy.Bench;
using Greenlight.Traffic;

// Added latency and throughput of the recording proxy against a Kestrel upstream on loopback.
// Bounded: a fixed number of sequential requests, then a fixed-time concurrent load per target.
const int Warmup = 2_000;
const int Sequential = 20_000;
const int Concurrency = 16;
var loadTime = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5);

var (app, upstreamUrl) = await Upstream.StartAsync();
var log = new TrafficLog();
await using var proxy = await RecordingProxy.StartAsync("backend", upstreamUrl, log, CancellationToken.None);
using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = Concurrency });

var direct = new Uri(upstreamUrl, "health");
var proxied = new Uri(proxy.Url, "health");
Console.WriteLine($"cpus={Environment.ProcessorCount} runtime={Environment.Version} sequential={Sequential} concurrency={Concurrency} load={loadTime.TotalSeconds}s");

// Interleave the two targets so load from other processes on the machine hits both alike.
await SequentialAsync(direct, Warmup);
await SequentialAsync(proxied, Warmup);
var directLatencies = new List<double>();
var proxiedLatencies = new List<double>();
for (var round = 0; round < 4; round++)
{
    directLatencies.AddRange(await SequentialAsync(direct, Sequential / 4));
    proxiedLatencies.AddRange(await SequentialAsync(proxied, Sequential / 4));
}

Report("direct ", directLatencies);
Report("proxied", proxiedLatencies);
Console.WriteLine($"added p50={Percentile(proxiedLatencies, 0.5) - Percentile(directLatencies, 0.5):0.000} ms  added p99={Percentile(proxiedLatencies, 0.99) - Percentile(directLatencies, 0.99):0.000} ms");

foreach (var path in (string[])["health", "work"])
{
    var directRps = await ThroughputAsync(new Uri(upstreamUrl, path));
    var proxiedRps = await ThroughputAsync(new Uri(proxy.Url, path));
    Console.WriteLine($"throughput /{path} direct={directRps:0} req/s proxied={proxiedRps:0} req/s ratio={proxiedRps / directRps:P1}");
}

Console.WriteLine($"records={log.Snapshot().Count}");
await app.StopAsync();

async Task<List<double>> SequentialAsync(Uri url, int count)
{
    var latencies = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    return latencies;
}

async Task<double> ThroughputAsync(Uri url)
{
    using var stop = new CancellationTokenSource(loadTime);
    var counts = new long[Concurrency];
    var watch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
    {
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync(url, CancellationToken.None);
            await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            counts[worker]++;
        }
    }));
    return counts.Sum() / watch.Elapsed.TotalSeconds;
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}

static void Report(string name, List<double> values) =>
    Console.WriteLine($"{name} p50={Percentile(values, 0.5):0.000} ms p99={Percentile(values, 0.99):0.000} ms");
