using System.Diagnostics;
using System.Globalization;
using Greenlight.Proxy;
using Greenlight.Proxy.Bench;
using Greenlight.Traffic;

// The recording proxy against its floor, a plain YARP forwarder recording nothing (and against the
// upstream itself), on loopback in one process. Every measurement alternates the targets round by
// round (plain, recording, direct, plain, recording, direct, ...) so load from anything else hits
// all alike; each figure is the median over the rounds with its range.
//   dotnet run -c Release --project bench/Greenlight.Proxy.Bench -- [ROUNDS] [SECONDS]
// ROUNDS (default 7, at least 5): rounds of each measurement. SECONDS (default 3): load per target per round.
const int Warmup = 3_000;
const int SequentialPerRound = 4_000;
const int Concurrency = 16;
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
var loadTime = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3);
if (rounds < 5)
{
    Console.Error.WriteLine("at least 5 rounds: a median of fewer is not a result");
    return 2;
}

var (upstreamApp, upstreamUrl) = await Upstream.StartAsync();
var (plainApp, plainUrl) = await PlainForwarder.StartAsync(upstreamUrl);
var trafficFile = Path.Combine(Path.GetTempPath(), $"proxy-bench-{Environment.ProcessId}.jsonl");
using var log = new TrafficLog(trafficFile);
await using var proxy = await RecordingProxy.StartAsync("backend", upstreamUrl, log, CancellationToken.None);
using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = Concurrency });

var targets = new (string Name, Uri Url)[] { ("plain", plainUrl), ("recording", proxy.Url), ("direct", upstreamUrl) };
Console.WriteLine($"cpus={Environment.ProcessorCount} runtime={Environment.Version} rounds={rounds} sequential/round={SequentialPerRound} concurrency={Concurrency} load/round={loadTime.TotalSeconds}s server GC={System.Runtime.GCSettings.IsServerGC}");

foreach (var (_, url) in targets)
{
    await SequentialAsync(new Uri(url, "health"), Warmup);
}

// Sequential latency: one request at a time.
var p50 = targets.ToDictionary(t => t.Name, _ => new List<double>());
var p99 = targets.ToDictionary(t => t.Name, _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, url) in targets)
    {
        var latencies = await SequentialAsync(new Uri(url, "health"), SequentialPerRound);
        p50[name].Add(Percentile(latencies, 0.50));
        p99[name].Add(Percentile(latencies, 0.99));
    }
}

Console.WriteLine("sequential latency, ms (median of rounds [min..max]):");
foreach (var (name, _) in targets)
{
    Console.WriteLine($"  {name,-9} p50 {Summary(p50[name], "0.000")}  p99 {Summary(p99[name], "0.000")}");
}

var addedP50 = p50["recording"].Zip(p50["plain"], (r, p) => r - p).ToList();
var addedP99 = p99["recording"].Zip(p99["plain"], (r, p) => r - p).ToList();
Console.WriteLine($"  recording over plain: added p50 {Summary(addedP50, "0.000")} ms, added p99 {Summary(addedP99, "0.000")} ms");

// Throughput with 16 clients, and what each request cost the whole process (client, forwarder or
// proxy, upstream) in CPU time and allocated bytes: the difference between recording and plain is
// what recording costs per request.
foreach (var path in (string[])["health", "work"])
{
    var rps = targets.ToDictionary(t => t.Name, _ => new List<double>());
    var cpuUs = targets.ToDictionary(t => t.Name, _ => new List<double>());
    var bytes = targets.ToDictionary(t => t.Name, _ => new List<double>());
    for (var round = 0; round < rounds; round++)
    {
        foreach (var (name, url) in targets)
        {
            var (requests, seconds, cpu, allocated) = await ThroughputAsync(new Uri(url, path));
            rps[name].Add(requests / seconds);
            cpuUs[name].Add(cpu.TotalMicroseconds / requests);
            bytes[name].Add((double)allocated / requests);
        }
    }

    var ratio = rps["recording"].Zip(rps["plain"], (r, p) => r / p).ToList();
    var ratioDirect = rps["recording"].Zip(rps["direct"], (r, d) => r / d).ToList();
    Console.WriteLine($"throughput /{path}, {Concurrency} clients, req/s (median of rounds [min..max]):");
    foreach (var (name, _) in targets)
    {
        Console.WriteLine($"  {name,-9} {Summary(rps[name], "0")} req/s  cpu {Summary(cpuUs[name], "0.0")} µs/req  allocated {Summary(bytes[name], "0")} B/req");
    }

    Console.WriteLine($"  recording / plain {Summary(ratio, "P1")}  recording / direct {Summary(ratioDirect, "P1")}");
    var cpuCost = cpuUs["recording"].Zip(cpuUs["plain"], (r, p) => r - p).ToList();
    var byteCost = bytes["recording"].Zip(bytes["plain"], (r, p) => r - p).ToList();
    Console.WriteLine($"  recording costs per request: cpu {Summary(cpuCost, "0.0")} µs, allocated {Summary(byteCost, "0")} B");
}

await proxy.WaitForIdleAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
Console.WriteLine($"records={log.Snapshot().Count} traffic file={new FileInfo(trafficFile).Length / 1024 / 1024} MB");
await plainApp.StopAsync();
await upstreamApp.StopAsync();
File.Delete(trafficFile);
return 0;

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

async Task<(long Requests, double Seconds, TimeSpan Cpu, long Allocated)> ThroughputAsync(Uri url)
{
    using var stop = new CancellationTokenSource(loadTime);
    var counts = new long[Concurrency];
    var process = Process.GetCurrentProcess();
    var cpu0 = process.TotalProcessorTime;
    var bytes0 = GC.GetTotalAllocatedBytes(precise: false);
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
    var seconds = watch.Elapsed.TotalSeconds;
    process.Refresh();
    return (counts.Sum(), seconds, process.TotalProcessorTime - cpu0, GC.GetTotalAllocatedBytes(precise: false) - bytes0);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}

static string Summary(List<double> values, string format)
{
    var sorted = values.Order().ToList();
    var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    return string.Create(CultureInfo.InvariantCulture, $"{median.ToString(format, CultureInfo.InvariantCulture)} [{sorted[0].ToString(format, CultureInfo.InvariantCulture)}..{sorted[^1].ToString(format, CultureInfo.InvariantCulture)}]");
}
