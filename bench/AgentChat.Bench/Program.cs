using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using AgentChat.Bench;

// Opens N authenticated sockets against a running backend, starts runs at a fixed rate, and
// reports emission→receipt latency and stream integrity. It starts no service itself.
var (options, error) = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

var time = TimeProvider.System;
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
var ledger = new RunLedger();
var userCount = Math.Max(1, options.Sockets / options.SocketsPerUser);
var prefix = Guid.NewGuid().ToString("N")[..8];
using var gate = new SemaphoreSlim(64);

var setupStarted = time.GetTimestamp();
var users = await Task.WhenAll(Enumerable.Range(0, userCount).Select(async i =>
{
    await gate.WaitAsync();
    try
    {
        var userId = $"bench-{prefix}-{i:D5}";
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Auth, "/auth/token")) { Content = JsonContent.Create(new { userId }) };
        tokenRequest.Headers.Add("X-E2E-Bypass-Key", options.BypassKey);
        using var tokenResponse = await http.SendAsync(tokenRequest);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        using var threadRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Backend, "/api/threads"));
        threadRequest.Headers.Authorization = new("Bearer", token);
        using var threadResponse = await http.SendAsync(threadRequest);
        threadResponse.EnsureSuccessStatusCode();
        var thread = (await threadResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return new BenchUser(userId, token, thread);
    }
    finally
    {
        gate.Release();
    }
}));
Console.Error.WriteLine($"bench: {users.Length} users with tokens and threads in {time.GetElapsedTime(setupStarted).TotalSeconds:F1} s");

using var stop = new CancellationTokenSource();
var wsUri = new UriBuilder(options.Backend) { Scheme = "ws", Path = "/ws" }.Uri;
var connectStarted = time.GetTimestamp();
var refused = 0;
var readers = new List<Task>();
await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, options.SocketsPerUser).Select(_ => u)).Select(async user =>
{
    await gate.WaitAsync();
    try
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + user.Token);
        await socket.ConnectAsync(wsUri, CancellationToken.None);
        var buffer = new byte[1024];
        var first = await socket.ReceiveAsync(buffer, CancellationToken.None);
        if (first.MessageType == WebSocketMessageType.Close || !Encoding.UTF8.GetString(buffer, 0, first.Count).Contains("connection_ready", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref refused);
            socket.Dispose();
            return;
        }

        var probe = new SocketProbe(socket, user, ledger, time);
        lock (user.Sockets)
        {
            user.Sockets.Add(probe);
        }
    }
    catch (WebSocketException)
    {
        Interlocked.Increment(ref refused);
    }
    finally
    {
        gate.Release();
    }
}));
var allProbes = users.SelectMany(u => u.Sockets).ToList();
readers.AddRange(allProbes.Select(p => Task.Run(() => p.ReceiveAsync(stop.Token))));
var connectSeconds = time.GetElapsedTime(connectStarted).TotalSeconds;
Console.Error.WriteLine($"bench: {allProbes.Count} sockets ready ({refused} refused) in {connectSeconds:F1} s");

// Fixed-rate schedule: at every tick, send as many runs as the rate says are due by now.
var runStarted = time.GetTimestamp();
var next = 0;
var skippedBusy = 0;
using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5), time))
{
    while (time.GetElapsedTime(runStarted) < options.Duration && await timer.WaitForNextTickAsync())
    {
        var due = (int)(time.GetElapsedTime(runStarted).TotalSeconds * options.RunsPerSecond);
        while (ledger.Sent + skippedBusy < due)
        {
            var user = users[next++ % users.Length];
            if (user.Sockets.Count == 0 || Interlocked.Exchange(ref user.Busy, 1) == 1)
            {
                skippedBusy++;
                continue;
            }

            ledger.Sending();
            var json = $"{{\"type\":\"execute_agent\",\"threadId\":\"{user.ThreadId}\",\"agentId\":\"data-helper\",\"input\":\"1 2 3 4 5 6 7 8\"}}";
            _ = user.Sockets[0].Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
    }
}

// Grace period for runs still in flight, then count what never arrived.
var graceStarted = time.GetTimestamp();
while (ledger.Complete < ledger.Sent && time.GetElapsedTime(graceStarted) < TimeSpan.FromSeconds(15))
{
    await Task.Delay(TimeSpan.FromMilliseconds(100), time);
}

var held = allProbes.Count(p => p.Socket.State == WebSocketState.Open);
await stop.CancelAsync();
await Task.WhenAll(readers);
foreach (var probe in allProbes)
{
    probe.Socket.Abort();
    probe.Socket.Dispose();
}

var latencies = allProbes.SelectMany(p => p.LatenciesMs).Order().ToArray();
double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
var summary = new
{
    sockets = options.Sockets,
    socketsReady = allProbes.Count,
    socketsHeld = held,
    refused,
    connectSeconds = Math.Round(connectSeconds, 1),
    runsPerSecond = options.RunsPerSecond,
    seconds = options.Duration.TotalSeconds,
    runsSent = ledger.Sent,
    runsComplete = ledger.Complete,
    runsLost = ledger.Sent - ledger.Complete,
    skippedBusy,
    events = latencies.Length,
    gaps = allProbes.Sum(p => p.Gaps),
    duplicates = allProbes.Sum(p => p.Duplicates),
    afterTerminal = allProbes.Sum(p => p.AfterTerminal),
    misdelivered = allProbes.Sum(p => p.Misdelivered),
    errorEvents = allProbes.Sum(p => p.Errors),
    p50Ms = Math.Round(Percentile(0.50), 2),
    p99Ms = Math.Round(Percentile(0.99), 2),
    maxMs = Math.Round(latencies.LastOrDefault(), 2),
};
Console.WriteLine(JsonSerializer.Serialize(summary));
var clean = summary.runsLost == 0 && summary.gaps == 0 && summary.duplicates == 0 && summary.afterTerminal == 0 && summary.misdelivered == 0 && summary.errorEvents == 0;
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: p50 {summary.p50Ms} ms, p99 {summary.p99Ms} ms over {summary.events} events; integrity {(clean ? "clean" : "FAILED")}"));
return clean ? 0 : 1;
