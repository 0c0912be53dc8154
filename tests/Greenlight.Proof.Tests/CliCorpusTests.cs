using System.Text.Json;
using Greenlight.Cli.Tests;

namespace Greenlight.Proof.Tests;

/// <summary>
/// The whole product on the fake-pattern corpus: <c>greenlight run</c> (the real CLI, as a child
/// process) against a real service it fronts with its recording proxy. Every fake must end UNPROVEN
/// with exactly its codes in run.json; the honest suite GREEN with every pass proven.
/// </summary>
public sealed class CliCorpusTests
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(4);

    public static TheoryData<string, bool, string, string> PytestFakes() => new()
    {
        // folder, service faulty, extra pytest args (space-separated), expected "test=codes;..." (sorted codes)
        { "mock_fallback", false, "", "test_agent_events_arrive_in_order=mock-marker" },
        { "async_without_plugin", false, "", "test_agent_pipeline_runs=unawaited-coroutine;test_agent_run_completes=skipped" },
        { "skipped_group", false, "", "test_login=skipped;test_token_expiry=skipped;test_token_validation=skipped" },
        { "accepts_refusal", true, "", "test_agent_discovery=server-error,unhealthy-service;test_websocket_message_send=server-error,unhealthy-service" },
        { "hardcoded_address", false, "", "test_agent_discovery=no-traffic" },
    };

    [Theory]
    [MemberData(nameof(PytestFakes))]
    public async Task Run_PytestFake_UnprovenWithExactCodes(string fake, bool faulty, string args, string expected)
    {
        await using var service = await CorpusService.StartAsync(faulty, TestContext.Current.CancellationToken);
        using var project = PytestProject(Path.Combine("fakes", "pytest", fake), service.Url, args);

        var (exit, run, tests) = await RunAsync(project.Path);

        Assert.True(exit == 3, $"exit {exit}, verdict {run.GetProperty("verdict")}: {run.GetProperty("reasons")}");
        Assert.Equal("UNPROVEN", run.GetProperty("verdict").GetString());
        Assert.Equal(expected, Codes(tests));
    }

    [Fact]
    public async Task Run_PytestNoOps_UnprovenNoTraffic()
    {
        await using var service = await CorpusService.StartAsync(faulty: false, TestContext.Current.CancellationToken);
        using var project = PytestProject(Path.Combine("fakes", "pytest", "does_nothing"), service.Url, "");

        var (exit, run, tests) = await RunAsync(project.Path);

        Assert.Equal(3, exit);
        Assert.Equal(2, tests.Count);
        // zero-duration follows the duration pytest measured (see TimingCodes); no-traffic is certain.
        Assert.All(tests, t => Assert.Contains("no-traffic", t.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
    }

    [Fact]
    public async Task Run_PytestImportError_UnprovenCollectionErrorAndPassProven()
    {
        await using var service = await CorpusService.StartAsync(faulty: false, TestContext.Current.CancellationToken);
        using var project = PytestProject(Path.Combine("fakes", "pytest", "import_error"), service.Url, "--continue-on-collection-errors");

        var (exit, run, tests) = await RunAsync(project.Path);

        Assert.True(exit == 3, $"exit {exit}: {run.GetProperty("reasons")}");
        var suite = run.GetProperty("suites")[0];
        Assert.Equal(["collection-error"], suite.GetProperty("proof_reasons").EnumerateArray().Select(r => r.GetString()));
        var test = Assert.Single(tests);
        Assert.True(test.GetProperty("proven").GetBoolean(), test.ToString());
    }

    [Fact]
    public async Task Run_HonestPytestSuite_GreenEveryPassProven()
    {
        await using var service = await CorpusService.StartAsync(faulty: false, TestContext.Current.CancellationToken);
        using var project = PytestProject(Path.Combine("honest", "pytest"), service.Url, "");

        var (exit, run, tests) = await RunAsync(project.Path);

        Assert.True(exit == 0, run.GetProperty("reasons").ToString());
        Assert.Equal(4, tests.Count);
        Assert.All(tests, t => Assert.True(t.GetProperty("proven").GetBoolean() && t.GetProperty("requests").GetInt32() >= 1, t.ToString()));
        var worklog = await File.ReadAllTextAsync(Path.Combine(CliProcess.RunDirectory(project.Path), "worklog.md"), TestContext.Current.CancellationToken);
        Assert.Contains("| P1 | 4 | 4 | 0 |", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_XunitFakes_UnprovenWithExactCodes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backend = await CorpusService.StartAsync(faulty: false, ct);
        await using var broken = await CorpusService.StartAsync(faulty: true, ct);
        using var project = new TempDir();
        CorpusRun.CopySuite(Path.Combine(AppContext.BaseDirectory, "TestData", "fakes", "xunit"), Path.Combine(project.Path, "suite"), backend.Url);
        project.Write("greenlight.yaml", $"""
            project: xunit-corpus
            services:
              backend:
                url: {backend.Url}
                probes:
                  - http: /health
              broken:
                critical: false
                url: {broken.Url}
                probes:
                  - http: /health
            suites:
              - id: xunit-fakes
                priority: P1
                category: proof
                impact: "the fake-pattern corpus"
                runner: dotnet
                path: suite/FakeSuite.Tests.csproj
                timeout: 5m
            """);

        var (exit, run, tests) = await RunAsync(project.Path);

        Assert.True(exit == 3, $"exit {exit}: {run.GetProperty("reasons")}");
        var codes = tests.ToDictionary(
            t => t.GetProperty("name").GetString()!,
            t => string.Join(",", t.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal)));
        Assert.Equal("mock-marker", codes["FakeSuite.MockFallback.AgentEvents_ArriveInOrder"]);
        Assert.Equal("skipped", codes["FakeSuite.SkippedGroup.Login"]);
        Assert.Equal("server-error,unhealthy-service", codes["FakeSuite.AcceptsRefusal.WebSocketMessageSend_Accepts1011"]);
        Assert.Equal("no-traffic", codes["FakeSuite.HardcodedAddress.AgentDiscovery_FromHardcodedHost"]);
        Assert.All(codes.Where(c => c.Key.StartsWith("FakeSuite.Honest.", StringComparison.Ordinal)), c => Assert.Equal("", c.Value));
    }

    /// <summary>A project folder: the corpus suite under tests/ with its client, and a greenlight.yaml fronting the service.</summary>
    private static TempDir PytestProject(string suite, Uri service, string args)
    {
        var project = new TempDir();
        var data = Path.Combine(AppContext.BaseDirectory, "TestData");
        CorpusRun.CopySuite(Path.Combine(data, suite), Path.Combine(project.Path, "tests"), service);
        File.Copy(Path.Combine(data, "pytest_support", "corpus_client.py"), Path.Combine(project.Path, "tests", "corpus_client.py"));
        var argsLine = args.Length == 0 ? "" : $"\n    args: [{string.Join(", ", args.Split(' ').Select(a => $"\"{a}\""))}]";
        // A faulty service must not block the run: the point is what the tests claim while it is down.
        project.Write("greenlight.yaml", $"""
            project: pytest-corpus
            services:
              backend:
                critical: false
                url: {service}
                probes:
                  - http: /health
            suites:
              - id: corpus
                priority: P1
                category: proof
                impact: "the fake-pattern corpus"
                runner: pytest
                path: tests
                timeout: 2m{argsLine}
            """);
        return project;
    }

    /// <summary>The exit code, run.json, and the tests from tests.jsonl (run.json lists only failures and doubted passes).</summary>
    private static async Task<(int Exit, JsonElement Run, List<JsonElement> Tests)> RunAsync(string project)
    {
        var result = await CliProcess.RunAsync(project, CliTimeout, "run");
        var runJson = Path.Combine(CliProcess.RunDirectory(project), "run.json");
        Assert.True(File.Exists(runJson), result.All);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(runJson, TestContext.Current.CancellationToken));
        var lines = await File.ReadAllLinesAsync(Path.Combine(CliProcess.RunDirectory(project), "tests.jsonl"), TestContext.Current.CancellationToken);
        var tests = lines.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(document.RootElement.GetProperty("test_counts").GetProperty("total").GetInt32(), tests.Count);
        return (result.ExitCode, document.RootElement.Clone(), tests);
    }

    /// <summary>"test=codes;..." for every test, by short name, sorted: one string to compare exactly.</summary>
    private static string Codes(List<JsonElement> tests) => string.Join(";", tests
        .Select(t => $"{ShortName(t.GetProperty("name").GetString()!)}={string.Join(",", t.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal))}")
        .Order(StringComparer.Ordinal));

    private static string ShortName(string name) => name[(name.LastIndexOfAny(['.', ':']) + 1)..];
}
