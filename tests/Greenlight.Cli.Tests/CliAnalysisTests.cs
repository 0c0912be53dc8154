using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>Analysis and history through the real CLI: two runs on real projects, the clusters, the comparison and <c>greenlight history</c>.</summary>
public sealed class CliAnalysisTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static List<string> RunDirectories(string project) =>
        [.. Directory.GetDirectories(Path.Combine(project, ".greenlight", "runs")).Order(StringComparer.Ordinal)];

    private static JsonElement RunJson(string runDirectory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "run.json"))).RootElement;

    [Fact]
    public async Task Run_Twice_SecondRunComparesWithFirstAndHasBaselines()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            var first = await CliProcess.RunAsync(project, Timeout, "run");
            var second = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(first.ExitCode == 0, first.All);
            Assert.True(second.ExitCode == 0, second.All);
            Assert.True(File.Exists(Path.Combine(project, ".greenlight", "history.db")));
            var runs = RunDirectories(project);
            Assert.Equal(2, runs.Count);
            var firstId = Path.GetFileName(runs[0]);
            var history = RunJson(runs[1]).GetProperty("history");
            Assert.True(history.GetProperty("saved").GetBoolean());
            Assert.Equal(firstId, history.GetProperty("previous").GetProperty("run_id").GetString());
            Assert.Equal("GREEN", history.GetProperty("previous").GetProperty("verdict").GetString());
            Assert.Equal(2, history.GetProperty("baselines").GetInt32());
            // Unchanged tests are a count, not rows (a million of them would be a million rows in run.json).
            Assert.Empty(history.GetProperty("comparison").GetProperty("tests").EnumerateArray());
            Assert.Equal(2, history.GetProperty("comparison").GetProperty("unchanged").GetInt32());
            Assert.Equal(JsonValueKind.Null, RunJson(runs[0]).GetProperty("history").GetProperty("previous").ValueKind);
            var worklog = await File.ReadAllTextAsync(Path.Combine(runs[1], "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains($"- **Last run:** `{firstId}`", worklog, StringComparison.Ordinal);
            Assert.Contains("## Compared with the last run", worklog, StringComparison.Ordinal);
            Assert.Contains("All 2 test(s) unchanged.", worklog, StringComparison.Ordinal);
            Assert.Contains("**Duration baselines:** 2 test(s)", worklog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_AfterABlockedRun_ComparesWithTheLastRunThatRanTests_AndTheFailureNamesWhatChangedSinceTheLastGoodBuild()
    {
        var project = CliProcess.CopyProject("pytest-project");
        var service = Path.Combine(project, "service.py");
        var good = await File.ReadAllTextAsync(service, TestContext.Current.CancellationToken);
        var builds = Path.Combine(project, ".greenlight", "builds");
        try
        {
            // 1: GREEN, api's build kept as its last good build.
            var first = await CliProcess.RunAsync(project, Timeout, "run");
            Assert.True(first.ExitCode == 0, first.All);
            // 2: the service crashes at start and, with its good build moved aside, cannot be rolled back: BLOCKED, no tests ran.
            Directory.Move(builds, builds + ".aside");
            await File.WriteAllTextAsync(service, "raise SystemExit('cannot start: bad configuration')\n", TestContext.Current.CancellationToken);
            var second = await CliProcess.RunAsync(project, Timeout, "run");
            Directory.Move(builds + ".aside", builds);
            // 3: a build that answers its probe and fails /hello: RED.
            await File.WriteAllTextAsync(service, good.Replace("self.reply(200, {\"message\": \"hello\"})", "self.reply(500, {\"error\": \"greeting lost\"})", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);
            var third = await CliProcess.RunAsync(project, Timeout, "run");

            var runs = RunDirectories(project);
            Assert.Equal(3, runs.Count);
            Assert.Equal("BLOCKED", RunJson(runs[1]).GetProperty("verdict").GetString());
            Assert.True(third.ExitCode == 1, third.All);
            var (firstId, secondId) = (Path.GetFileName(runs[0]), Path.GetFileName(runs[1]));
            var run = RunJson(runs[2]);
            var previous = run.GetProperty("history").GetProperty("previous");
            Assert.Equal(firstId, previous.GetProperty("run_id").GetString());
            Assert.Equal([$"run {secondId} skipped: BLOCKED, no tests ran"], run.GetProperty("history").GetProperty("skipped_runs").EnumerateArray().Select(x => x.GetString()));
            var rows = run.GetProperty("history").GetProperty("comparison").GetProperty("tests").EnumerateArray()
                .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("change").GetString());
            Assert.Equal("regressed", rows.Single(r => r.Key.EndsWith("test_hello_answers", StringComparison.Ordinal)).Value);
            Assert.DoesNotContain(rows, r => r.Key.EndsWith("test_health_is_healthy", StringComparison.Ordinal));
            Assert.Equal(1, run.GetProperty("history").GetProperty("comparison").GetProperty("unchanged").GetInt32());
            var change = run.GetProperty("clusters").EnumerateArray().Single().GetProperty("changes").EnumerateArray().Single();
            Assert.Equal("api", change.GetProperty("service").GetString());
            Assert.Equal(firstId, change.GetProperty("made_good_by").GetString());
            Assert.Matches("^build [0-9a-f]{8} → [0-9a-f]{8}$", change.GetProperty("changed")[0].GetString());
            var worklog = await File.ReadAllTextAsync(Path.Combine(runs[2], "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains($"Last run `{firstId}` (GREEN) → this run: 0 fixed, 1 regressed", worklog, StringComparison.Ordinal);
            Assert.Contains($"- run {secondId} skipped: BLOCKED, no tests ran\n", worklog, StringComparison.Ordinal);
            Assert.Contains("- **Changed since the last good build**:\n  - api `build ", worklog, StringComparison.Ordinal);
            Assert.Contains($"(good since run {firstId})", worklog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_ServiceLogsError_ClusterEvidenceLeadsWithThatLine()
    {
        var project = CliProcess.CopyProject("failing-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 1, result.All);
            var run = RunJson(RunDirectories(project).Single());
            Assert.Equal("RED", run.GetProperty("verdict").GetString());
            var clusters = run.GetProperty("clusters").EnumerateArray().ToList();
            var charge = clusters.Single(c => c.GetProperty("title").GetString() == "expected 200, got 500");
            Assert.Equal(["tests.test_checkout.test_charge_succeeds"], charge.GetProperty("tests").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(["api"], charge.GetProperty("services").EnumerateArray().Select(t => t.GetString()));
            var top = charge.GetProperty("evidence")[0];
            Assert.Equal("error", top.GetProperty("level").GetString());
            Assert.Contains("ValueError: Invalid card token format: pending_auth", top.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("api deployed", charge.GetProperty("preceding_deploy").GetString(), StringComparison.Ordinal);
            Assert.Contains("api: GET /charge → 500 \"internal\"", charge.GetProperty("traffic_faults").EnumerateArray().Select(f => f.GetString()));
            var worklog = await File.ReadAllTextAsync(Path.Combine(RunDirectories(project).Single(), "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("## Root causes", worklog, StringComparison.Ordinal);
            Assert.Contains("### 1. expected 200, got 500", worklog, StringComparison.Ordinal);
            Assert.Contains("`ERROR payments: ValueError: Invalid card token format: pending_auth`", worklog, StringComparison.Ordinal);
            var report = await CliProcess.RunAsync(project, Timeout, "report");
            Assert.True(report.ExitCode == 0, report.All);
            Assert.Contains("### 1. expected 200, got 500", report.Stdout, StringComparison.Ordinal);
            Assert.Contains("Invalid card token format: pending_auth", report.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_RetryFailed_TestPassingOnRetryIsFlakyAndRunStaysRed()
    {
        var project = CliProcess.CopyProject("failing-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 1, result.All);
            var run = RunJson(RunDirectories(project).Single());
            var tests = RunTestsFile.Read(RunDirectories(project).Single()).ToDictionary(t => t.GetProperty("name").GetString()!);
            Assert.Contains(run.GetProperty("failures").EnumerateArray(), t => t.GetProperty("name").GetString() == "tests.test_checkout.test_warmup_answers");
            var warmup = tests["tests.test_checkout.test_warmup_answers"];
            Assert.Equal("failed", warmup.GetProperty("outcome").GetString());
            Assert.True(warmup.GetProperty("flaky").GetBoolean());
            Assert.Equal(2, warmup.GetProperty("attempts").GetInt32());
            var charge = tests["tests.test_checkout.test_charge_succeeds"];
            Assert.False(charge.GetProperty("flaky").GetBoolean());
            Assert.Equal(2, charge.GetProperty("attempts").GetInt32());
            Assert.Contains(run.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("flaky: api-checks / tests.test_checkout.test_warmup_answers", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task History_JsonAfterTwoFailingRuns_ListsRunsClustersAndFlakyTests()
    {
        var project = CliProcess.CopyProject("failing-project");
        try
        {
            await CliProcess.RunAsync(project, Timeout, "run");
            await CliProcess.RunAsync(project, Timeout, "run");
            var result = await CliProcess.RunAsync(project, Timeout, "history", "--json");

            Assert.True(result.ExitCode == 0, result.All);
            var history = JsonDocument.Parse(result.Stdout).RootElement;
            Assert.Equal("failing-api", history.GetProperty("project").GetString());
            Assert.StartsWith("sqlite ", history.GetProperty("store").GetString(), StringComparison.Ordinal);
            var ids = RunDirectories(project).Select(Path.GetFileName).Reverse().ToList();
            Assert.Equal(ids, history.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
            Assert.All(history.GetProperty("runs").EnumerateArray(), r => Assert.Equal("RED", r.GetProperty("verdict").GetString()));
            var suite = history.GetProperty("pass_rate_by_suite").EnumerateArray().Single();
            Assert.Equal("api-checks", suite.GetProperty("group").GetString());
            Assert.Equal(2, suite.GetProperty("passed").GetInt32());
            Assert.Equal(6, suite.GetProperty("total").GetInt32());
            var open = history.GetProperty("open_clusters").EnumerateArray().Single(c => c.GetProperty("title").GetString() == "expected 200, got 500");
            Assert.Equal(2, open.GetProperty("runs_seen").GetInt32());
            var flaky = history.GetProperty("flaky_tests").EnumerateArray().Single();
            Assert.Equal("tests.test_checkout.test_warmup_answers", flaky.GetProperty("name").GetString());
            Assert.Equal(2, flaky.GetProperty("retry_passes").GetInt32());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_CorruptHistoryFile_RunCompletesAndSaysHistoryNotSaved()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            Directory.CreateDirectory(Path.Combine(project, ".greenlight"));
            await File.WriteAllTextAsync(Path.Combine(project, ".greenlight", "history.db"), "not a database, only text that is long enough to be read", TestContext.Current.CancellationToken);

            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 0, result.All);
            var history = RunJson(RunDirectories(project).Single()).GetProperty("history");
            Assert.False(history.GetProperty("saved").GetBoolean());
            Assert.Contains(history.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("is not a SQLite database", StringComparison.Ordinal));
            var worklog = await File.ReadAllTextAsync(Path.Combine(RunDirectories(project).Single(), "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("_history not saved: the store could not be opened_", worklog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task History_NoRunsYet_SaysSoAndExitsZero()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "history");

            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("no runs recorded yet", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
