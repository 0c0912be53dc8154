using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>The real CLI on small real projects: a Python HTTP service with a pytest suite, a command suite, a crashing service.</summary>
public sealed class CliRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static JsonElement RunJson(string project) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(CliProcess.RunDirectory(project), "run.json"))).RootElement;

    [Fact]
    public async Task Run_PytestSuiteAgainstLocalService_GreenWithRunJson()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 0, result.All);
            var run = RunJson(project);
            Assert.Equal("GREEN", run.GetProperty("verdict").GetString());
            var service = run.GetProperty("services")[0];
            Assert.Equal("api", service.GetProperty("name").GetString());
            Assert.True(service.GetProperty("deployed").GetBoolean());
            Assert.StartsWith("http://127.0.0.1:", service.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.True(run.GetProperty("probes")[0].GetProperty("healthy").GetBoolean());
            var tests = RunTestsFile.Read(CliProcess.RunDirectory(project));
            Assert.Equal(2, tests.Count);
            Assert.All(tests, t => Assert.Equal("passed", t.GetProperty("outcome").GetString()));
            Assert.All(tests, t => Assert.True(t.GetProperty("proven").GetBoolean()));
            Assert.Contains(tests, t => t.GetProperty("name").GetString()!.EndsWith("test_hello_answers", StringComparison.Ordinal));
            var worklog = await File.ReadAllTextAsync(Path.Combine(CliProcess.RunDirectory(project), "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("## Verdict: GREEN", worklog, StringComparison.Ordinal);
            Assert.Contains("**Availability:** 1/1 critical services healthy (100 %)", worklog, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(CliProcess.RunDirectory(project), "logs", "api.log")));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Json_PrintsRunJsonOnStdout()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run", "--json");

            Assert.True(result.ExitCode == 0, result.All);
            using var printed = JsonDocument.Parse(result.Stdout);
            Assert.Equal("GREEN", printed.RootElement.GetProperty("verdict").GetString());
            Assert.Equal(RunJson(project).GetProperty("run_id").GetString(), printed.RootElement.GetProperty("run_id").GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Plan_PytestSuite_ListsTestsFromPytest()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "plan", "--focus", "p1");

            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("api-smoke: tests/test_api.py::test_health_is_healthy", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("no failure allowed", result.Stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(project, ".greenlight", "runs")));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_CommandSuiteWithFailure_RedAndFailFastSkipsNextPhase()
    {
        var project = CliProcess.CopyProject("command-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 1, result.All);
            var run = RunJson(project);
            Assert.Equal("RED", run.GetProperty("verdict").GetString());
            var tests = RunTestsFile.Read(CliProcess.RunDirectory(project)).ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("outcome").GetString());
            Assert.Equal(["shell.checks.version_matches"], run.GetProperty("failures").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
            Assert.Equal("passed", tests["shell.checks.api_reachable"]);
            Assert.Equal("failed", tests["shell.checks.version_matches"]);
            var suites = run.GetProperty("suites").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString());
            Assert.Equal("failed", suites["shell-checks"]);
            Assert.Equal("not_run", suites["never-reached"]);

            var report = await CliProcess.RunAsync(project, Timeout, "report");
            Assert.Equal(0, report.ExitCode);
            Assert.Contains("## Verdict: RED", report.Stdout, StringComparison.Ordinal);
            Assert.Contains("expected version 1.0.0, got 0.9.1", report.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_NoFailFast_RunsEveryPhaseAndRecordsMissingResults()
    {
        var project = CliProcess.CopyProject("command-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run", "--no-fail-fast");

            Assert.True(result.ExitCode == 1, result.All);
            var suite = RunJson(project).GetProperty("suites").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "never-reached");
            Assert.Equal("unproven", suite.GetProperty("outcome").GetString());
            Assert.NotEmpty(suite.GetProperty("problems").EnumerateArray());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Probe_LocalService_StartsProbesAndStopsIt()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "probe");

            Assert.True(result.ExitCode == 0, result.All);
            Assert.Matches(@"api\s+│ http://127\.0\.0\.1:\d+/health\s+│ healthy\s+│ 200", result.Stdout);
            Assert.Contains("Availability: 1/1 critical services healthy", result.Stdout, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(project, ".greenlight", "runs")));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Probe_CrashingService_Exit4WithLogLines()
    {
        var project = CliProcess.CopyProject("crash-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "probe");

            Assert.True(result.ExitCode == 4, result.All);
            Assert.Contains("FATAL: startup-crash requested", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("service not deployed", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Report_CorruptRunJson_Exit2()
    {
        var project = CliProcess.CopyProject("command-project");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(project, ".greenlight", "runs", "20261123-112233-ab12")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, "run.json"), "{\"verdict\": ", TestContext.Current.CancellationToken);

            var result = await CliProcess.RunAsync(project, Timeout, "report", "20261123-112233-ab12");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("is not a run record", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_CriticalServiceCrashesAtStart_BlockedWithCrashLineInWorklog()
    {
        var project = CliProcess.CopyProject("crash-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 4, result.All);
            var run = RunJson(project);
            Assert.Equal("BLOCKED", run.GetProperty("verdict").GetString());
            Assert.Equal(0, run.GetProperty("test_counts").GetProperty("total").GetInt32());
            Assert.Empty(RunTestsFile.Read(CliProcess.RunDirectory(project)));
            var worklog = await File.ReadAllTextAsync(Path.Combine(CliProcess.RunDirectory(project), "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("## Infrastructure", worklog, StringComparison.Ordinal);
            Assert.Contains("FATAL: startup-crash requested", worklog, StringComparison.Ordinal);
            Assert.Contains("## Verdict: BLOCKED", worklog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
