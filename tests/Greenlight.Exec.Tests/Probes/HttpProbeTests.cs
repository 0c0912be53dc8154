using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Probes;
using Greenlight.Secrets;
using Greenlight.Stages;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Probes;

public sealed class HttpProbeTests(ProbeServer server) : IClassFixture<ProbeServer>, IDisposable
{
    private readonly HttpClient _http = new();
    private HttpProbe Probe => new(_http, TimeProvider.System, new SecretRedactor());
    private ProbeTarget Target => new("backend", server.BaseUrl, new Dictionary<string, Uri>());

    private static ProbeConfig Http(string path, Dictionary<string, string>? json = null, double timeoutSeconds = 5) => new()
    {
        Kind = ProbeKind.Http,
        Target = path,
        ExpectJson = json ?? [],
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };

    [Fact]
    public async Task ProbeAsync_HealthyJsonMatches_Healthy200()
    {
        var result = await Probe.ProbeAsync(Http("/health", new() { ["status"] = "healthy", ["database_status"] = "connected", ["uptime_seconds"] = "1.5" }), Target, Timeout());

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("200 OK", result.Detail);
        Assert.Equal(new Uri(server.BaseUrl, "/health").ToString(), result.Url);
    }

    [Fact]
    public async Task ProbeAsync_Status503_UnhealthyWithStatusAndTruncatedBody()
    {
        var result = await Probe.ProbeAsync(Http("/sick"), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Equal(503, result.StatusCode);
        Assert.StartsWith("503 Service Unavailable: {\"status\":\"unhealthy\",\"database_status\":\"disconnected\"", result.Detail, StringComparison.Ordinal);
        Assert.EndsWith("…", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Detail.Length < 120);
    }

    [Fact]
    public async Task ProbeAsync_BodyArrivesInManyPieces_WholeBodyReadAndHealthy()
    {
        // "status" comes after 40 KB of padding, so it is only seen if every piece is kept in order.
        var result = await Probe.ProbeAsync(Http("/chunked", new() { ["status"] = "healthy" }), Target, Timeout());

        Assert.True(result.Healthy, result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_BodyOver256KB_ReadStopsAtCapAndBodyIsNotJson()
    {
        var result = await Probe.ProbeAsync(Http("/huge", new() { ["status"] = "healthy" }), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.StartsWith("body is not JSON: {\"status\":\"healthy\",\"pad\":\"xxx", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_JsonFieldDiffers_UnhealthyNamingField()
    {
        var result = await Probe.ProbeAsync(Http("/degraded", new() { ["status"] = "healthy" }), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("JSON field 'status' is \"degraded\", expected \"healthy\"", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_EndpointHangs_UnhealthyAfterProbeTimeout()
    {
        var result = await Probe.ProbeAsync(Http("/hang", timeoutSeconds: 0.5), Target, Timeout());

        Assert.False(result.Healthy);
        Assert.Null(result.StatusCode);
        Assert.Equal("no response within 0.5s", result.Detail);
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_UnhealthyConnectionRefused()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Pick()}");

        var result = await Probe.ProbeAsync(Http("/health"), new ProbeTarget("auth", closed, new Dictionary<string, Uri>()), Timeout());

        Assert.False(result.Healthy);
        Assert.Contains("refused", result.Detail, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _http.Dispose();
}
