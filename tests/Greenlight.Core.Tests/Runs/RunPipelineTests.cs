using System.Text.Json;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Runs;
using Greenlight.Secrets;
using Greenlight.Stages;
using Microsoft.Extensions.Time.Testing;

namespace Greenlight.Core.Tests.Runs;

public sealed class RunPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("greenlight-pipeline-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 11, 22, 33, TimeSpan.Zero));

    public RunPipelineTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "e2e"));
        File.WriteAllText(Path.Combine(_root, "greenlight.yaml"), """
            project: demo
            services:
              backend:
                depends_on: [auth]
                local:
                  run: backend --urls http://127.0.0.1:{port}
                  env: { AUTH_URL: "{url:auth}", SERVICE_SECRET: "${env:GL_TEST_UNSET_SECRET:-s3cret-value-123}" }
                probes: [ { http: /health } ]
              auth:
                local: { run: auth }
                probes: [ { http: /health } ]
            suites:
              - { id: p1-critical, priority: P1, runner: dotnet, path: e2e, proof: { level: none, level_reason: "scripted stages: no proxy records traffic here" } }
              - { id: p2-high, priority: P2, runner: dotnet, path: e2e, proof: { level: none, level_reason: "scripted stages: no proxy records traffic here" } }
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static DeployResult Deployed(ServiceConfig service, int port) => new()
    {
        Service = service.Name, Succeeded = true, Url = new Uri($"http://127.0.0.1:{port}"), Revision = "git abc+build 123",
    };

    private ScriptedDeployer Deployer(string? crash = null) => new((service, context) => service.Name == crash
        ? new DeployResult { Service = service.Name, Succeeded = false, Failure = "exited with code 134 during start", LogPath = WriteLog(context, service.Name) }
        : Deployed(service, service.Name == "auth" ? 41001 : 41002));

    private static string WriteLog(DeployContext context, string service)
    {
        var path = Path.Combine(context.RunDirectory, "logs", $"{service}.log");
        File.WriteAllLines(path, ["info: starting", "fail: startup-crash requested", "Unhandled exception. System.InvalidOperationException: startup-crash"]);
        return path;
    }

    private async Task<RunOutcome> Run(ScriptedDeployer deployer, ScriptedRunner runner, bool healthy = true, CancellationToken? token = null)
    {
        var stages = new StageRegistry(deployer, [new ScriptedProbe(_ => healthy)], [runner]);
        var pipeline = new RunPipeline(stages, _time, new SecretRedactor(), IRunProgress.None, new Random(7));
        return await pipeline.RunAsync(Path.Combine(_root, "greenlight.yaml"), new RunOptions(), token ?? TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RunAsync_AllHealthyAndPassing_GreenWithOutputs()
    {
        var deployer = Deployer();
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 2)));

        var outcome = await Run(deployer, runner);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(Verdict.Green, outcome.Record!.Verdict);
        Assert.Equal(["auth", "backend"], deployer.Deployed);
        Assert.Equal(1, deployer.Stops);
        Assert.Equal(["p1-critical", "p2-high"], runner.Runs.Select(r => r.Suite));
        Assert.Equal("http://127.0.0.1:41001", runner.Runs[0].Context.Environment["GREENLIGHT_AUTH_URL"]);
        Assert.Equal("http://127.0.0.1:41002", runner.Runs[0].Context.Environment["GREENLIGHT_BACKEND_URL"]);
        Assert.Matches(@"^20261123-112233-[0-9a-f]{4}$", outcome.Record.RunId);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory!, "run.json"), TestContext.Current.CancellationToken));
        Assert.Equal("GREEN", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("test_counts").GetProperty("total").GetInt32());
        Assert.Equal("tests.jsonl", json.RootElement.GetProperty("tests_file").GetString());
        var lines = await File.ReadAllLinesAsync(Path.Combine(outcome.RunDirectory!, "tests.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal("passed", JsonDocument.Parse(l).RootElement.GetProperty("outcome").GetString()));
        Assert.True(File.Exists(Path.Combine(outcome.RunDirectory!, "worklog.md")));
    }

    [Fact]
    public async Task RunAsync_UrlPlaceholder_ExpandedBeforeDeploy()
    {
        ServiceConfig? backend = null;
        var deployer = new ScriptedDeployer((service, _) =>
        {
            if (service.Name == "backend") backend = service;
            return Deployed(service, service.Name == "auth" ? 41001 : 41002);
        });

        await Run(deployer, new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, 1))));

        Assert.Equal("http://127.0.0.1:41001", backend!.Local!.Environment["AUTH_URL"]);
    }

    [Fact]
    public async Task RunAsync_CriticalServiceCrashes_BlockedWithLogTailAndNoTests()
    {
        var deployer = Deployer(crash: "backend");
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, 1)));

        var outcome = await Run(deployer, runner);

        Assert.Equal(Verdict.Blocked, outcome.Record!.Verdict);
        Assert.Equal(4, outcome.ExitCode);
        Assert.Empty(runner.Runs);
        Assert.Equal(1, deployer.Stops);
        var excerpt = Assert.Single(outcome.Record.LogExcerpts);
        Assert.Equal("Unhandled exception. System.InvalidOperationException: startup-crash", excerpt.Lines[^1]);
        var worklog = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory!, "worklog.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Service log: backend", worklog, StringComparison.Ordinal);
        Assert.Contains("| backend | yes |", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_CriticalProbeUnhealthy_Blocked()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, 1)));

        var outcome = await Run(Deployer(), runner, healthy: false);

        Assert.Equal(Verdict.Blocked, outcome.Record!.Verdict);
        Assert.Empty(runner.Runs);
        Assert.All(outcome.Record.Suites, s => Assert.Equal(StageOutcome.NotRun, s.Outcome));
    }

    [Fact]
    public async Task RunAsync_NonCriticalServiceOfASuiteDown_ThatSuiteNotRunOthersRunAndTheVerdictSaysWhy()
    {
        File.WriteAllText(Path.Combine(_root, "greenlight.yaml"), """
            project: demo
            services:
              auth:
                local: { run: auth }
                probes: [ { http: /health } ]
              web:
                critical: false
                depends_on: [auth]
                local: { build: make web, run: web }
                probes: [ { http: /health } ]
            suites:
              - { id: p1-critical, priority: P1, runner: dotnet, path: e2e, services: [auth], proof: { level: none, level_reason: "scripted stages: no proxy records traffic here" } }
              - { id: p2-web, priority: P2, runner: dotnet, path: e2e, services: [web, auth], proof: { level: none, level_reason: "scripted stages: no proxy records traffic here" } }
            """);
        var deployer = new ScriptedDeployer((service, _) => service.Name == "web"
            ? new DeployResult { Service = "web", Succeeded = false, Failure = "build failed (exit 1): error CS0117" }
            : Deployed(service, 41001));
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 2)));

        var outcome = await Run(deployer, runner);

        Assert.Equal(["p1-critical"], runner.Runs.Select(r => r.Suite));
        var web = Assert.Single(outcome.Record!.Suites, s => s.Id == "p2-web");
        Assert.Equal(StageOutcome.NotRun, web.Outcome);
        Assert.Equal(["service 'web' it needs is down: deploy failed: build failed (exit 1): error CS0117"], web.Problems);
        Assert.Equal(StageOutcome.Passed, Assert.Single(outcome.Record.Suites, s => s.Id == "p1-critical").Outcome);
        // A suite that did not run is no pass: the run is not green, and its reasons say which suite and why.
        Assert.Equal(Verdict.Unproven, outcome.Record.Verdict);
        Assert.Contains("p2-web: not run (service 'web' it needs is down: deploy failed: build failed (exit 1): error CS0117)", outcome.Record.Reasons);
        Assert.Contains(outcome.Record.Reasons, r => r.StartsWith("non-critical service 'web' did not deploy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FirstPhaseFails_FailFastSkipsTheRest()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 1, failed: 1)));

        var outcome = await Run(Deployer(), runner);

        Assert.Equal(Verdict.Red, outcome.Record!.Verdict);
        Assert.Equal(["p1-critical"], runner.Runs.Select(r => r.Suite));
        Assert.Equal(StageOutcome.NotRun, outcome.Record.Suites.Single(s => s.Id == "p2-high").Outcome);
        Assert.Equal(["P1", "P2"], outcome.Record.Phases.Select(p => p.Priority));
    }

    [Fact]
    public async Task RunAsync_CancelledDuringSuite_InterruptedRecordWrittenAndServicesStopped()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var deployer = Deployer();
        var runner = new ScriptedRunner(async (suite, _, token) =>
        {
            await cts.CancelAsync();
            token.ThrowIfCancellationRequested();
            return ScriptedRunner.Result(suite.Id, 1);
        });

        var outcome = await Run(deployer, runner, token: cts.Token);

        Assert.True(outcome.Record!.Interrupted);
        Assert.Equal(Verdict.Unproven, outcome.Record.Verdict);
        Assert.Equal(1, deployer.Stops);
        var json = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory!, "run.json"), TestContext.Current.CancellationToken);
        Assert.Contains("\"interrupted\": true", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SecretFromConfig_NeverInOutputs()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, 1) with { CommandLine = "dotnet test --secret s3cret-value-123" }));

        var outcome = await Run(Deployer(), runner);

        var json = await File.ReadAllTextAsync(Path.Combine(outcome.RunDirectory!, "run.json"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("s3cret-value-123", json, StringComparison.Ordinal);
        Assert.Contains("--secret ***", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownFocus_ConfigErrorAndNoRunFolder()
    {
        var stages = new StageRegistry(Deployer(), [new ScriptedProbe(_ => true)], [new ScriptedRunner((s, _, _) => Task.FromResult(ScriptedRunner.Result(s.Id, 1)))]);
        var pipeline = new RunPipeline(stages, _time, new SecretRedactor(), IRunProgress.None, new Random(7));

        var outcome = await pipeline.RunAsync(Path.Combine(_root, "greenlight.yaml"), new RunOptions(Focus: "p1-crit"), TestContext.Current.CancellationToken);

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("unknown focus 'p1-crit'; did you mean 'p1-critical'?", Assert.Single(outcome.ConfigErrors), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, ".greenlight")));
    }

    [Fact]
    public async Task RunAsync_RunnerMissingFromHost_ConfigError()
    {
        var pipeline = new RunPipeline(new StageRegistry(Deployer(), [new ScriptedProbe(_ => true)], []), _time, new SecretRedactor(), IRunProgress.None, new Random(7));

        var outcome = await pipeline.RunAsync(Path.Combine(_root, "greenlight.yaml"), new RunOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(["runner 'dotnet' is not available in this build"], outcome.ConfigErrors);
    }

    [Fact]
    public async Task RunAsync_ReporterFails_OtherOutputsWrittenVerdictKept()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 2)));
        var stages = new StageRegistry(Deployer(), [new ScriptedProbe(_ => true)], [runner]);
        var reporters = new Greenlight.Reporting.CompositeReporter(new SecretRedactor(), [new ThrowingReporter(new IOException("disk full")), new Greenlight.Reporting.WorklogReporter()]);
        var pipeline = new RunPipeline(stages, _time, new SecretRedactor(), IRunProgress.None, new Random(7), reporters);

        var outcome = await pipeline.RunAsync(Path.Combine(_root, "greenlight.yaml"), new RunOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(0, outcome.ExitCode);
        Assert.True(File.Exists(Path.Combine(outcome.RunDirectory!, "worklog.md")));
    }

    [Fact]
    public async Task RunAsync_GreenlightItselfFailsAfterTheTests_InternalErrorExit5NotAVerdict()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 2)));
        var stages = new StageRegistry(Deployer(), [new ScriptedProbe(_ => true)], [runner]);
        var reporters = new Greenlight.Reporting.CompositeReporter(new SecretRedactor(), [new ThrowingReporter(new OutOfMemoryException("run.json too large"))]);
        var pipeline = new RunPipeline(stages, _time, new SecretRedactor(), IRunProgress.None, new Random(7), reporters);

        var outcome = await pipeline.RunAsync(Path.Combine(_root, "greenlight.yaml"), new RunOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(5, outcome.ExitCode);
        Assert.Null(outcome.Record);
        Assert.Equal("OutOfMemoryException: run.json too large", outcome.InternalError);
        Assert.True(Directory.Exists(outcome.RunDirectory));
    }

    [Fact]
    public async Task RunAsync_RunnerBuildsAhead_OncePerProject_InTheTrail()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 2))) { Prepared = [] };

        var outcome = await Run(Deployer(), runner);

        Assert.Equal(0, outcome.ExitCode);
        // p1-critical and p2-high share the project e2e: one build, asked for by the first suite to run.
        Assert.Equal(["p1-critical"], runner.Prepared);
        var trail = await File.ReadAllLinesAsync(Path.Combine(outcome.RunDirectory!, "trail.jsonl"), TestContext.Current.CancellationToken);
        Assert.Single(trail, l => l.Contains("\"stage\":\"build\"", StringComparison.Ordinal) && l.Contains("built e2e", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_FinishedOnlyOutput_WrittenOnceAtTheEnd_OthersAlsoBeforeHistory()
    {
        var runner = new ScriptedRunner((suite, _, _) => Task.FromResult(ScriptedRunner.Result(suite.Id, passed: 2)));
        var stages = new StageRegistry(Deployer(), [new ScriptedProbe(_ => true)], [runner]);
        var written = new List<string>();
        var reporters = new Greenlight.Reporting.CompositeReporter(new SecretRedactor(), [new LoggingReporter("run.json", false, written), new LoggingReporter("report.html", true, written)]);
        var pipeline = new RunPipeline(stages, _time, new SecretRedactor(), IRunProgress.None, new Random(7), reporters);

        var outcome = await pipeline.RunAsync(Path.Combine(_root, "greenlight.yaml"), new RunOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(0, outcome.ExitCode);
        // run.json and the worklog: once before history (a crash after leaves them on disk), once with what history kept;
        // report.html and a CI verdict: once, from the finished record.
        Assert.Equal(["run.json Green", "run.json Green", "report.html Green"], written);
    }

    private sealed class LoggingReporter(string name, bool finishedOnly, List<string> written) : Greenlight.Reporting.IReporter
    {
        public string Name => name;

        public bool FinishedOnly => finishedOnly;

        public Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken)
        {
            written.Add($"{name} {run.Verdict}");
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingReporter(Exception error) : Greenlight.Reporting.IReporter
    {
        public string Name => "throwing";

        public Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken) => throw error;
    }
}
