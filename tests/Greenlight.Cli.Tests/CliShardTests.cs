using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Greenlight.History.Tests;

namespace Greenlight.Cli.Tests;

/// <summary>
/// One run in three roles against a real PostgreSQL: a deploy-only process keeps the service up, four
/// shard processes run their parts, a finish process writes the one verdict (docs/scale.md).
/// </summary>
public sealed class CliShardTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task FourShardsAndFinish_SameTestsOutcomesProofAndVerdictAsOneRun()
    {
        var single = await ProjectAsync();
        var sharded = await ProjectAsync();
        try
        {
            var one = await CliProcess.RunAsync(single.Folder, Timeout, single.Environment, "run");
            Assert.True(one.ExitCode == 0, one.All);

            await using var deploy = await DeployOnly.StartAsync(sharded.Folder, sharded.Environment);
            var shards = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
                CliProcess.RunAsync(sharded.Folder, Timeout, sharded.Environment, "run", "--attach", deploy.RunId, "--shard", $"{i}/4")));
            Assert.All(shards, s => Assert.True(s.ExitCode == 0, s.All));
            var finish = await CliProcess.RunAsync(sharded.Folder, Timeout, sharded.Environment, "finish", deploy.RunId, "--timeout", "60s");

            Assert.True(finish.ExitCode == 0, finish.All);
            var merged = Path.Combine(sharded.Folder, ".greenlight", "runs", deploy.RunId);
            Assert.Equal(Tests(CliProcess.RunDirectory(single.Folder)), Tests(merged));
            Assert.Equal(16, Tests(merged).Count);
            Assert.Equal(Verdict(CliProcess.RunDirectory(single.Folder)), Verdict(merged));
            // Every shard ran its share (balanced by count without history) and says which shard it is and where the verdict goes.
            Assert.All(shards, s => Assert.Contains("4 tests in 2 suites (balanced by test counts)", s.All, StringComparison.Ordinal));
            var worklog = await File.ReadAllTextAsync(Path.Combine(merged, "shards", "3", "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains($"shard 3/4 of run {deploy.RunId}: this folder holds only this shard's part", worklog, StringComparison.Ordinal);
            Assert.Contains(merged, worklog, StringComparison.Ordinal);
            // Finish tells the deploy-only process, which stops the service and exits.
            Assert.True(await deploy.ExitedAsync(), deploy.Output);
            Assert.Contains("is finished: stopping the services", deploy.Output, StringComparison.Ordinal);
            Assert.Empty(CliProcess.ProcessesIn(sharded.Folder));
        }
        finally
        {
            Directory.Delete(single.Folder, recursive: true);
            Directory.Delete(sharded.Folder, recursive: true);
        }
    }

    [Fact]
    public async Task OneShardKilledAnotherReportingTwice_UnprovenNamingTheKilledOneTheOtherCountedOnce()
    {
        var project = await ProjectAsync();
        try
        {
            await using var deploy = await DeployOnly.StartAsync(project.Folder, project.Environment);
            // Shard 2 starts, makes the plan, is killed (SIGKILL) as soon as it says which tests it owns.
            await KillWhenAsync(project, deploy.RunId, "2/4", "tests in 2 suites");
            var others = await Task.WhenAll(new[] { 1, 3, 4 }.Select(i =>
                CliProcess.RunAsync(project.Folder, Timeout, project.Environment, "run", "--attach", deploy.RunId, "--shard", $"{i}/4")));
            Assert.All(others, s => Assert.True(s.ExitCode == 0, s.All));
            // Shard 3 again (a CI retry): its second report is ignored, so its tests count once.
            var again = await CliProcess.RunAsync(project.Folder, Timeout, project.Environment, "run", "--attach", deploy.RunId, "--shard", "3/4");
            Assert.Contains("shard 3/4 had already reported", again.All, StringComparison.Ordinal);

            var finish = await CliProcess.RunAsync(project.Folder, Timeout, project.Environment, "finish", deploy.RunId, "--timeout", "5s");

            Assert.True(finish.ExitCode == 3, finish.All);
            var run = Run(Path.Combine(project.Folder, ".greenlight", "runs", deploy.RunId));
            Assert.Equal("UNPROVEN", run.GetProperty("verdict").GetString());
            var reasons = run.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
            var checkout = Assert.Single(reasons, r => r.StartsWith("checkout: shard 2/4 never reported (`greenlight finish` waited", StringComparison.Ordinal));
            Assert.Contains("did not run", checkout, StringComparison.Ordinal);
            Assert.Matches(@"its 2 tests \(tests/test_checkout\.py::test_checkout_\d, tests/test_checkout\.py::test_checkout_\d\)", checkout);
            Assert.Contains(reasons, r => r.StartsWith("catalog: shard 2/4 never reported", StringComparison.Ordinal));
            Assert.Equal(12, Tests(Path.Combine(project.Folder, ".greenlight", "runs", deploy.RunId)).Count);
        }
        finally
        {
            Directory.Delete(project.Folder, recursive: true);
        }
    }

    [Fact]
    public async Task P1FailsInOneShard_OtherShardsStopAtTheirPhaseBoundary()
    {
        var project = await ProjectAsync();
        try
        {
            await using var deploy = await DeployOnly.StartAsync(project.Folder, project.Environment);
            var failing = new Dictionary<string, string>(project.Environment) { ["SHARD_FAIL_P1"] = "1" };
            var first = await CliProcess.RunAsync(project.Folder, Timeout, failing, "run", "--attach", deploy.RunId, "--shard", "1/4");
            Assert.True(first.ExitCode == 1, first.All);
            Assert.Contains("phase P1 failed: the other shards stop at their next phase boundary", first.All, StringComparison.Ordinal);

            var others = await Task.WhenAll(new[] { 2, 3, 4 }.Select(i =>
                CliProcess.RunAsync(project.Folder, Timeout, project.Environment, "run", "--attach", deploy.RunId, "--shard", $"{i}/4")));
            var finish = await CliProcess.RunAsync(project.Folder, Timeout, project.Environment, "finish", deploy.RunId, "--timeout", "60s");

            Assert.All(others, s =>
            {
                // P1 ran and passed in the others; the P2 suite did not start.
                Assert.Contains("checkout: 2 passed, 0 failed", s.All, StringComparison.Ordinal);
                Assert.DoesNotContain("running catalog", s.All, StringComparison.Ordinal);
                Assert.Contains("stopping at the phase boundary: phase P1 missed its criterion in shard 1/4", s.All, StringComparison.Ordinal);
            });
            Assert.True(finish.ExitCode == 1, finish.All);
            var run = Run(Path.Combine(project.Folder, ".greenlight", "runs", deploy.RunId));
            var catalog = run.GetProperty("suites").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "catalog");
            Assert.Equal("not_run", catalog.GetProperty("outcome").GetString());
            Assert.Contains("fail-fast", catalog.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
            var checkout = run.GetProperty("suites").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "checkout");
            Assert.Equal((8, 2), (checkout.GetProperty("total").GetInt32(), checkout.GetProperty("failed").GetInt32()));
        }
        finally
        {
            Directory.Delete(project.Folder, recursive: true);
        }
    }

    private sealed record Project(string Folder, Dictionary<string, string> Environment);

    private async Task<Project> ProjectAsync()
    {
        var folder = CliProcess.CopyProject("shard-project");
        await File.AppendAllTextAsync(Path.Combine(folder, "greenlight.yaml"), "history:\n  postgres: \"${env:GL_HISTORY_PG}\"\n", TestContext.Current.CancellationToken);
        return new Project(folder, new Dictionary<string, string> { ["GL_HISTORY_PG"] = await postgres.NewDatabaseAsync(TestContext.Current.CancellationToken) });
    }

    /// <summary>Starts the shard and kills its whole process tree once its output shows <paramref name="marker"/>.</summary>
    private static async Task KillWhenAsync(Project project, string runId, string shard, string marker)
    {
        using var process = Start(project, "run", "--attach", runId, "--shard", shard);
        var output = new StringBuilder();
        var seen = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        await seen.Task.WaitAsync(Timeout, TestContext.Current.CancellationToken);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        lock (output)
        {
            Assert.DoesNotContain("reported", output.ToString(), StringComparison.Ordinal);
        }
    }

    private static Process Start(Project project, params string[] args) => DeployOnly.Start(project.Folder, project.Environment, args);

    /// <summary>suite / name / outcome / proven / proof level of every test in the run folder's tests.jsonl, sorted.</summary>
    private static List<string> Tests(string runDirectory) =>
        [.. RunTestsFile.Read(runDirectory).Select(t =>
            $"{t.GetProperty("suite").GetString()} / {t.GetProperty("name").GetString()} / {t.GetProperty("outcome").GetString()} / {t.GetProperty("proven").GetBoolean()} / {t.GetProperty("proof_level").GetString()}")
            .Order(StringComparer.Ordinal)];

    private static JsonElement Run(string runDirectory) => JsonDocument.Parse(File.ReadAllText(Path.Combine(runDirectory, "run.json"))).RootElement.Clone();

    private static (string?, int) Verdict(string runDirectory)
    {
        var run = Run(runDirectory);
        return (run.GetProperty("verdict").GetString(), run.GetProperty("exit_code").GetInt32());
    }
}
