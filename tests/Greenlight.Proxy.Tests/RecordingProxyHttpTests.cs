using System.Net;
using System.Net.Sockets;
using Greenlight.Traffic;

namespace Greenlight.Proxy.Tests;

public sealed class RecordingProxyHttpTests
{
    [Fact]
    public async Task Get_ThroughProxy_PassesStatusBodyHeadersAndRecords()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.Url, "hello?name=ada"));
        request.Headers.Add("X-Greenlight-Test", "T001_websocket_connection");
        using var response = await client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello ada", await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("yes", response.Headers.GetValues("X-Upstream").Single());
        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.Equal("backend", record.Service);
        Assert.Equal("GET", record.Method);
        Assert.Equal("/hello?name=ada", record.Path);
        Assert.Equal(200, record.Status);
        Assert.Equal("T001_websocket_connection", record.Test);
        Assert.False(record.IsWebSocket);
    }

    [Fact]
    public async Task Get_NonAsciiTestHeader_ForwardedAndRecordedAsSent()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        // Playwright names a test "describe › title"; Node sends such a header as UTF-8.
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
        using var client = new HttpClient(handler);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.Url, "hello?name=ada"));
        request.Headers.Add("X-Greenlight-Test", "items › reads an item");
        using var response = await client.SendAsync(request, cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("items › reads an item", Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token)).Test);
    }

    [Fact]
    public async Task Get_ErrorAnswers_RecordTheBodysErrorTextAndPassTheBodyThrough()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("api", upstream.Url, log, cts.Token);
        using var client = new HttpClient();

        using var validation = await client.GetAsync(new Uri(proxy.Url, "articles"), cts.Token);
        using var teapot = await client.GetAsync(new Uri(proxy.Url, "teapot"), cts.Token);
        using var hello = await client.GetAsync(new Uri(proxy.Url, "hello"), cts.Token);

        Assert.Equal((HttpStatusCode)422, validation.StatusCode);
        Assert.Contains("The tag field is required.", await validation.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
        Assert.Equal("no coffee here\nsecond line", await teapot.Content.ReadAsStringAsync(cts.Token));
        var records = await TrafficWait.ForAsync(log, 3, cts.Token);
        Assert.All(records.Where(r => r.Path == "/articles"), r => Assert.Equal("The tag field is required.", r.ErrorText));
        Assert.Equal("no coffee here", records.Single(r => r.Path == "/teapot").ErrorText);
        Assert.Null(records.Single(r => r.Path == "/hello").ErrorText);
    }

    [Fact]
    public async Task Get_ErrorTextWithASecret_IsRecordedMasked()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        var redactor = new Secrets.SecretRedactor();
        redactor.Add("sk-live-0123456789abcdef0123456789");
        var options = new RecordingProxyOptions { Redactor = redactor };
        await using var proxy = await RecordingProxy.StartAsync("api", upstream.Url, log, options, cts.Token);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(proxy.Url, "secret-error"), cts.Token);

        var text = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token)).ErrorText;
        Assert.NotNull(text);
        Assert.StartsWith("bad token ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ThroughProxy_ForwardsBody()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
        using var client = new HttpClient();

        using var content = new StringContent("{\"input\":\"hi\"}");
        using var response = await client.PostAsync(new Uri(proxy.Url, "echo"), content, cts.Token);

        Assert.Equal("{\"input\":\"hi\"}", await response.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("POST", Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token)).Method);
    }

    [Fact]
    public async Task Get_UpstreamAnswers503_ClientSees503AndRecordHasIt()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("auth", upstream.Url, log, cts.Token);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(proxy.Url, "unavailable"), cts.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.Equal(503, record.Status);
        Assert.Equal("auth", record.Service);
        Assert.Null(record.Test);
    }

    [Fact]
    public async Task Get_UpstreamDown_Returns502AndRecordsError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var deadPort = FreePort();
        var log = new TrafficLog();
        await using var proxy = await RecordingProxy.StartAsync("backend", new Uri($"http://127.0.0.1:{deadPort}/"), log, cts.Token);
        using var client = new HttpClient();

        using var response = await client.GetAsync(new Uri(proxy.Url, "health"), cts.Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var record = Assert.Single(await TrafficWait.ForAsync(log, 1, cts.Token));
        Assert.Equal(502, record.Status);
        Assert.NotNull(record.Error);
    }

    [Fact]
    public async Task Get_SecretsInQueryAndAuthorization_NeverRecorded()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var dir = Directory.CreateTempSubdirectory("greenlight-proxy-");
        var path = Path.Combine(dir.FullName, "traffic.jsonl");
        using (var log = new TrafficLog(path))
        {
            await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.Url, "hello?name=x&access_token=s3cr3t-value-123"));
            request.Headers.Authorization = new("Bearer", "super-secret-bearer-value");
            using var response = await client.SendAsync(request, cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await TrafficWait.ForAsync(log, 1, cts.Token);
        }

        var text = await File.ReadAllTextAsync(path, cts.Token);
        Assert.DoesNotContain("s3cr3t-value-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret-bearer-value", text, StringComparison.Ordinal);
        var (records, problems) = TrafficJson.ReadFile(path);
        Assert.Empty(problems);
        Assert.Equal("/hello?name=x&access_token=***", Assert.Single(records).Path);
        dir.Delete(recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Get_ManyConcurrentRequests_EachRecordedOnceInMemoryAndInTheFileOnceIdle()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var upstream = await TestUpstream.StartAsync(cts.Token);
        var folder = Directory.CreateTempSubdirectory("proxy-many-");
        try
        {
            var file = Path.Combine(folder.FullName, "traffic.jsonl");
            using var log = new TrafficLog(file);
            await using var proxy = await RecordingProxy.StartAsync("backend", upstream.Url, log, cts.Token);
            using var http = new HttpClient();
            // More requests than the recorder's queue holds, 16 at a time: some must wait for room.
            const int Requests = 5000;
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) <= Requests)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.Url, $"hello?n={i}"));
                    request.Headers.Add(RecordingProxy.TestHeader, $"test-{i}");
                    using var response = await http.SendAsync(request, cts.Token);
                    response.EnsureSuccessStatusCode();
                }
            }));

            Assert.True(await proxy.WaitForIdleAsync(TimeSpan.FromSeconds(30), cts.Token));

            Assert.Equal(0, proxy.InFlight);
            var inMemory = log.Snapshot();
            Assert.Equal(Enumerable.Range(1, Requests).Select(i => $"test-{i}").Order(), inMemory.Select(r => r.Test!).Order());
            Assert.All(inMemory, r => Assert.Equal($"/hello?n={r.Test!["test-".Length..]}", r.Path));
            // Readable while the log is still open: the recorder flushed the file when its queue ran empty.
            using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = (await reader.ReadToEndAsync(cts.Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Requests, lines.Length);
            var fromFile = lines.Select(line => TrafficJson.Parse(line)).ToList();
            Assert.Equal(inMemory.Select(r => (r.Test, r.Path, r.Status, r.Started)), fromFile.Select(r => (r.Test, r.Path, r.Status, r.Started)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
