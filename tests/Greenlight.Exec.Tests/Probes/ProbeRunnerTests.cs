using Greenlight.Config;
using Greenlight.Probes;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Probes;

public sealed class ProbeRunnerTests(ProbeServer server) : IClassFixture<ProbeServer>, IDisposable
{
    private readonly HttpClient _http = new();

    private static ProbeConfig Http(string path) => new() { Kind = ProbeKind.Http, Target = path, Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task RunAsync_ThreeProbesThatNeedEachOther_AllHealthySoTheyRanConcurrently()
    {
        var runner = ProbeRunner.CreateDefault(_http, TimeProvider.System, new SecretRedactor());
        ServiceConfig[] services =
        [
            new() { Name = "auth", Probes = [Http("/barrier"), Http("/barrier")] },
            new() { Name = "backend", Probes = [Http("/barrier")] },
        ];
        var urls = new Dictionary<string, Uri> { ["auth"] = server.BaseUrl, ["backend"] = server.BaseUrl };

        var results = await runner.RunAsync(services, urls, Timeout());

        Assert.Equal(["auth", "auth", "backend"], results.Select(r => r.Service));
        Assert.All(results, r => Assert.True(r.Healthy, r.Detail));
    }

    [Fact]
    public async Task RunAsync_ServiceNotDeployed_UnhealthyResultPerProbe()
    {
        var runner = ProbeRunner.CreateDefault(_http, TimeProvider.System, new SecretRedactor());
        ServiceConfig[] services = [new() { Name = "backend", Probes = [Http("/health"), new() { Kind = ProbeKind.WebSocket, Target = "/ws" }] }];

        var results = await runner.RunAsync(services, new Dictionary<string, Uri>(), Timeout());

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal("service not deployed", r.Detail));
        Assert.All(results, r => Assert.False(r.Healthy));
    }

    public void Dispose() => _http.Dispose();
}
