using System.Diagnostics;
using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;

namespace Greenlight.Analysis.Tests;

/// <summary>
/// The whole analysis path on real processes: a real Python backend with the pending_auth fault
/// on a loopback port, a real pytest run against it, its JUnit XML clustered, and the evidence
/// read from the backend's real log file.
/// </summary>
public sealed class LiveEvidenceTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-live-");

    [Fact]
    public async Task Analyse_RealPytestAgainstFaultyBackend_ClusterAndValueErrorEvidence()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        Assert.True(File.Exists(Python), "/usr/bin/python3 is required (apt-get install -y python3-pytest)");
        var live = Path.Combine(AppContext.BaseDirectory, "Data", "live");
        var server = Path.Combine(_folder.FullName, "backend_server.py");
        var test = Path.Combine(_folder.FullName, "test_backend_health.py");
        File.Copy(Path.Combine(live, "backend_server.py.txt"), server);
        File.Copy(Path.Combine(live, "test_backend_health.py.txt"), test);
        var log = Path.Combine(_folder.FullName, "backend.log");

        using var backend = Process.Start(new ProcessStartInfo(Python, [server, log]) { RedirectStandardOutput = true })!;
        try
        {
            var portLine = await backend.StandardOutput.ReadLineAsync(ct);
            Assert.StartsWith("PORT ", portLine, StringComparison.Ordinal);
            var suiteStart = TimeProvider.System.GetUtcNow();
            var junit = Path.Combine(_folder.FullName, "junit.xml");
            var pytest = new ProcessStartInfo(Python, ["-m", "pytest", "-p", "no:cacheprovider", "-q", $"--junitxml={junit}", test]) { WorkingDirectory = _folder.FullName, RedirectStandardOutput = true };
            pytest.Environment["GREENLIGHT_BACKEND_URL"] = $"http://127.0.0.1:{portLine!["PORT ".Length..]}";
            using (var run = Process.Start(pytest)!)
            {
                await run.StandardOutput.ReadToEndAsync(ct);
                await run.WaitForExitAsync(ct);
                Assert.Equal(1, run.ExitCode);
            }

            var suiteEnd = TimeProvider.System.GetUtcNow();
            // JUnit from pytest has no per-test times: the suite's window stands in, as the orchestrator does.
            var failures = RealFailures.LoadFile(junit, "backend-health").Select(f => f with { Started = suiteStart, Ended = suiteEnd }).ToList();

            var cluster = Assert.Single(new FailureClusterer().Cluster(failures));
            var chain = await new EvidenceChainBuilder().BuildAsync(
                new EvidenceRequest { Cluster = cluster, Services = ["backend"], LogSources = [new FileLogSource("backend", log)], Margin = TimeSpan.FromSeconds(2) }, ct);

            Assert.Equal("expected 200, got 503", cluster.Signature.Title);
            Assert.Equal(2, cluster.Count);
            Assert.Equal("ValueError: Invalid user_id format: pending_auth", chain.Lines[0].Entry.Headline);
            Assert.Equal(2, chain.Lines[0].Occurrences);
            Assert.StartsWith("backend restarted ", chain.DeploySentence, StringComparison.Ordinal);
            Assert.Empty(chain.Problems);
        }
        finally
        {
            backend.Kill(entireProcessTree: true);
            await backend.WaitForExitAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
