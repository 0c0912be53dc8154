using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The README's command on the bundled sample: the repository's own greenlight.yaml, real builds, real
/// services, the real E2E suite. The tests of the "sample" collection never build the sample at the same time.
/// </summary>
[Collection("sample")]
public sealed class SampleRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    private static string RunFolder(string root, JsonElement run) =>
        Path.Combine(root, ".greenlight", "runs", run.GetProperty("run_id").GetString()!);

    [Fact]
    public async Task Run_GoldenPathOnSample_GreenWith25ProvenP1Tests()
    {
        var root = CliProcess.RepositoryRoot();

        var result = await CliProcess.RunAsync(root, Timeout, "run", "--focus", "golden-path", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var run = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("GREEN", run.GetProperty("verdict").GetString());
        var tests = RunTestsFile.Read(RunFolder(root, run));
        Assert.Equal(25, tests.Count);
        Assert.Equal(25, run.GetProperty("test_counts").GetProperty("proven").GetInt32());
        Assert.All(tests, t => Assert.Equal("passed", t.GetProperty("outcome").GetString()));
        // Honest tests through the recording proxy: every pass proven, with traffic tied to it.
        Assert.All(tests, t => Assert.True(t.GetProperty("proven").GetBoolean() && t.GetProperty("requests").GetInt32() >= 1, t.ToString()));
        Assert.Equal(["auth", "backend", "web"], run.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(run.GetProperty("services").EnumerateArray(), s => Assert.NotNull(s.GetProperty("revision").GetString()));
        Assert.Contains(run.GetProperty("probes").EnumerateArray(), p => p.GetProperty("kind").GetString() == "websocket" && p.GetProperty("healthy").GetBoolean());
        var folder = RunFolder(root, run);
        var worklog = await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken);
        Assert.Contains("| P1 | 25 | 25 | 0 |", worklog, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "traffic.jsonl")));
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            Assert.DoesNotContain("greenlight-demo-bypass-key", text, StringComparison.Ordinal);
            Assert.DoesNotContain("greenlight-demo-jwt-key", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_BackendStartupCrashAfterAGoodRevision_RolledBackAndBlockedWithCrashLine()
    {
        var root = CliProcess.RepositoryRoot();
        // A healthy backend first, so a last good build of it exists whatever ran before.
        var good = await CliProcess.RunAsync(root, Timeout, "run", "--focus", "p1", "--json");
        Assert.True(good.ExitCode == 0, good.All);
        var goodRevision = JsonDocument.Parse(good.Stdout).RootElement.GetProperty("revisions").GetProperty("backend").GetString();

        var result = await CliProcess.RunAsync(root, Timeout, new Dictionary<string, string> { ["AGENTCHAT_FAULT"] = "startup-crash" }, "run", "--json");

        Assert.True(result.ExitCode == 4, result.All);
        var run = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("BLOCKED", run.GetProperty("verdict").GetString());
        Assert.Equal(0, run.GetProperty("test_counts").GetProperty("total").GetInt32());
        var rollback = run.GetProperty("rollbacks")[0];
        Assert.Equal("backend", rollback.GetProperty("service").GetString());
        Assert.True(rollback.GetProperty("healthy_after").GetBoolean());
        Assert.Equal(goodRevision, rollback.GetProperty("to_revision").GetString());
        Assert.NotEqual(goodRevision, rollback.GetProperty("from_revision").GetString());
        var worklog = await File.ReadAllTextAsync(Path.Combine(RunFolder(root, run), "worklog.md"), TestContext.Current.CancellationToken);
        Assert.Contains($"rolled back backend from {rollback.GetProperty("from_revision").GetString()} to {goodRevision}", worklog, StringComparison.Ordinal);
        Assert.Contains("## Service log: backend", worklog, StringComparison.Ordinal);
        Assert.Contains("startup failed", worklog, StringComparison.Ordinal);
        var crash = run.GetProperty("clusters").EnumerateArray().Single();
        Assert.Equal(["backend"], crash.GetProperty("tests").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("line ends with a carriage return", crash.GetProperty("evidence")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("## Root causes", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RejectPendingAuth_TopEvidenceIsBackendLogLineAfterItsDeploy()
    {
        var root = CliProcess.RepositoryRoot();

        var result = await CliProcess.RunAsync(root, Timeout, new Dictionary<string, string> { ["AGENTCHAT_FAULT"] = "reject-pending-auth" }, "run", "--json");

        // The WebSocket probe meets the 1011 before any test, so the run is BLOCKED and the probe failure is the cluster.
        Assert.True(result.ExitCode == 4, result.All);
        var run = JsonDocument.Parse(result.Stdout).RootElement;
        var cluster = run.GetProperty("clusters")[0];
        Assert.Contains("1011", cluster.GetProperty("messages")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["backend"], cluster.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        var top = cluster.GetProperty("evidence")[0];
        Assert.Equal("backend", top.GetProperty("service").GetString());
        Assert.Equal("Invalid user_id format: pending_auth", top.GetProperty("text").GetString());
        Assert.StartsWith("backend ", cluster.GetProperty("preceding_deploy").GetString(), StringComparison.Ordinal);
        var worklog = await File.ReadAllTextAsync(Path.Combine(RunFolder(root, run), "worklog.md"), TestContext.Current.CancellationToken);
        Assert.Contains("`Invalid user_id format: pending_auth`", worklog, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 7's demonstration on the sample itself: the backend starts with <c>unwired-pipeline</c> from its
    /// environment file, the streaming test fails, the remediation script reads the bundle and removes the
    /// switch, Greenlight redeploys only the backend and the rerun is GREEN, with the comparison in the worklog.
    /// </summary>
    [Fact]
    public async Task Run_SampleWithFaultInEnvFile_RemediatedRedThenGreen()
    {
        var root = CliProcess.RepositoryRoot();
        using var project = await LoopProject.CreateAsync(
            dir => File.WriteAllText(Path.Combine(dir, "greenlight.yaml"), File.ReadAllText(Path.Combine(dir, "greenlight.yaml")).Replace("{{REPO}}", root, StringComparison.Ordinal)),
            "sample-loop");

        var result = await CliProcess.RunAsync(project.Root, Timeout, "run", "--remediate", "sh fixes/fix-env.sh");

        Assert.True(result.ExitCode == 0, result.All);
        var run = project.RunJson();
        var iterations = run.GetProperty("iterations");
        Assert.Equal(["RED", "GREEN"], iterations.EnumerateArray().Select(i => i.GetProperty("verdict").GetString()));
        Assert.Equal(["backend"], iterations[1].GetProperty("deployed").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("accepted", iterations[0].GetProperty("remediation").GetProperty("guard_outcome").GetString());
        var failed = RunTestsFile.Read(project.RunDirectory, iteration: 1).Where(t => t.GetProperty("outcome").GetString() == "failed").ToList();
        Assert.Contains(failed, t => t.GetProperty("name").GetString()!.EndsWith("T023_StreamingPartialResults", StringComparison.Ordinal));
        var worklog = project.Worklog();
        Assert.Contains("### Comparison: iteration 1 → 2", worklog, StringComparison.Ordinal);
        Assert.Matches(@"T023_StreamingPartialResults\S* \| failed \| passed \| fixed", worklog);
        Assert.Contains("backend/backend.env", worklog, StringComparison.Ordinal);
        Assert.Contains("M backend/backend.env", await project.GitAsync("status", "--porcelain"), StringComparison.Ordinal);
    }
}
