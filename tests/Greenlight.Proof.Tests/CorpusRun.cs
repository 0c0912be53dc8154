using System.Diagnostics;
using Greenlight.Config;
using Greenlight.Plugins;
using Greenlight.Proxy;
using Greenlight.Results;
using Greenlight.Stages;
using Greenlight.Traffic;

namespace Greenlight.Proof.Tests;

/// <summary>
/// Runs one corpus suite the way Greenlight will: a real service behind the recording proxy,
/// real pytest with the plugin, the proxy URL in GREENLIGHT_BACKEND_URL, then the evaluator.
/// </summary>
internal static class CorpusRun
{
    public sealed record Outcome(SuiteProof Proof, PytestEvents Events, PytestProcess.Run Run, IReadOnlyList<Model.TrafficRecord> Traffic)
    {
        /// <summary>Test name → its reason codes, sorted, for exact comparisons.</summary>
        public IReadOnlyDictionary<string, string> Codes =>
            Proof.Tests.ToDictionary(t => t.Case.Name, t => string.Join(",", t.Reasons.Order(StringComparer.Ordinal)));
    }

    public static async Task<Outcome> RunAsync(string suiteFolder, bool faulty, IReadOnlyList<string> pytestArgs, CancellationToken cancellationToken)
    {
        await using var service = await CorpusService.StartAsync(faulty, cancellationToken);
        using var dir = new TempDir();
        CopySuite(Path.Combine(AppContext.BaseDirectory, "TestData", suiteFolder), dir.Path, service.Url);
        var probe = await ProbeAsync(service.Url, cancellationToken);

        var junitPath = Path.Combine(dir.Path, "junit.xml");
        using var log = new TrafficLog(Path.Combine(dir.Path, "traffic.jsonl"));
        PytestProcess.Run run;
        await using (var proxy = await RecordingProxy.StartAsync("backend", service.Url, log, cancellationToken))
        {
            var support = Path.Combine(AppContext.BaseDirectory, "TestData", "pytest_support");
            var environment = new Dictionary<string, string>
            {
                ["GREENLIGHT_BACKEND_URL"] = proxy.Url.ToString(),
                ["PYTHONPATH"] = PytestPlugin.Directory + Path.PathSeparator + support,
            };
            // The same JUnit options Greenlight's pytest runner passes (Runners/PytestRunner.cs).
            string[] junit = [$"--junitxml={junitPath}", "-o", "junit_family=xunit2", "-o", "junit_logging=all"];
            run = await PytestProcess.RunAsync(dir.Path, environment, [.. junit, .. pytestArgs], cancellationToken);
            Assert.True(await proxy.WaitForIdleAsync(TimeSpan.FromSeconds(10), cancellationToken), "proxy still busy after the suite");
        }

        var events = await PytestEventsReader.ReadAsync(run.EventsPath, cancellationToken);
        var results = await new JUnitResultReader().ReadAsync(junitPath, cancellationToken);
        // The JUnit reader reports a collection error as a problem; the evaluator takes it from the plugin.
        Assert.All(results.Problems, p => Assert.Contains("collection", p, StringComparison.OrdinalIgnoreCase));
        var proof = new ProofEvaluator().Evaluate(new ProofInput
        {
            SuiteId = suiteFolder,
            Runner = "pytest",
            Cases = results.Cases,
            Pytest = events,
            Traffic = log.Snapshot(),
            Probes = [probe],
            Services = ["backend"],
            Config = ProofConfig.Default,
        });
        return new Outcome(proof, events, run, log.Snapshot());
    }

    /// <summary>Copies a corpus suite, writing the service's direct address where a fake hard-codes it.</summary>
    public static void CopySuite(string from, string to, Uri directUrl)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, File.ReadAllText(file).Replace("{{DIRECT_BACKEND_URL}}", directUrl.ToString().TrimEnd('/'), StringComparison.Ordinal));
        }
    }

    /// <summary>A real health check of the service (the probe stage's job in the product), taken before the suite.</summary>
    public static async Task<ProbeResult> ProbeAsync(Uri service, CancellationToken cancellationToken, string name = "backend")
    {
        using var client = new HttpClient();
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(service, "health"), cancellationToken);
        return new ProbeResult
        {
            Service = name,
            Kind = ProbeKind.Http,
            Url = new Uri(service, "health").ToString(),
            Healthy = response.IsSuccessStatusCode,
            StatusCode = (int)response.StatusCode,
            Latency = watch.Elapsed,
            Detail = response.ReasonPhrase ?? "",
            At = DateTimeOffset.UtcNow,
        };
    }
}
