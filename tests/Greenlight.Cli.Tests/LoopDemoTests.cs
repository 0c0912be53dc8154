using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The loop of issue 7, for real: a Python service with a fault switch in its environment file, a
/// pytest suite, a git repository, and remediation commands that are small shell scripts.
/// </summary>
public sealed class LoopDemoTests
{
    [Fact]
    public async Task Run_RemediationFixesTheFault_RedThenGreenWithComparison()
    {
        using var project = await LoopProject.CreateAsync();

        var result = await project.RunAsync("run", "--remediate", "sh fixes/fix.sh");

        Assert.True(result.ExitCode == 0, result.All);
        var run = project.RunJson();
        Assert.Equal("GREEN", run.GetProperty("verdict").GetString());
        Assert.Equal("green", run.GetProperty("stop_reason").GetString());
        var iterations = run.GetProperty("iterations");
        Assert.Equal(2, iterations.GetArrayLength());
        Assert.Equal("RED", iterations[0].GetProperty("verdict").GetString());
        Assert.Equal("GREEN", iterations[1].GetProperty("verdict").GetString());
        var remediation = iterations[0].GetProperty("remediation");
        Assert.Equal(0, remediation.GetProperty("exit_code").GetInt32());
        Assert.Equal("accepted", remediation.GetProperty("guard_outcome").GetString());
        Assert.Equal("service.env", remediation.GetProperty("changed_files")[0].GetString());
        Assert.Equal("api", iterations[1].GetProperty("deployed")[0].GetString());
        Assert.True(File.Exists(Path.Combine(project.RunDirectory, "iterations", "1", "bundle.json")));
        Assert.True(File.Exists(Path.Combine(project.RunDirectory, "iterations", "1", "bundle.md")));
        Assert.Contains("fixing after reading", File.ReadAllText(Path.Combine(project.RunDirectory, "iterations", "1", "remediation.log")), StringComparison.Ordinal);
        var worklog = project.Worklog();
        Assert.Contains("### Iteration 1: RED", worklog, StringComparison.Ordinal);
        Assert.Contains("### Iteration 2: GREEN", worklog, StringComparison.Ordinal);
        Assert.Contains("### Comparison: iteration 1 → 2", worklog, StringComparison.Ordinal);
        Assert.Matches(@"test_hello_answers \| failed \| passed \| fixed", worklog);
        Assert.Contains("service.env | 1 -", worklog, StringComparison.Ordinal);
        // Greenlight committed nothing: the fix is an uncommitted change of the user's working tree.
        Assert.Contains("M service.env", await project.GitAsync("status", "--porcelain"), StringComparison.Ordinal);
        Assert.Equal("1", (await project.GitAsync("rev-list", "--count", "HEAD")).Trim());
        // History keeps both iterations of the run; its counts are the last one's.
        var history = await project.RunAsync("history", "--json");
        Assert.True(history.ExitCode == 0, history.All);
        var saved = JsonDocument.Parse(history.Stdout).RootElement.GetProperty("runs").EnumerateArray().Single();
        Assert.Equal(2, saved.GetProperty("iteration_count").GetInt32());
        Assert.Equal("GREEN", saved.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Run_RemediationSkipsTheFailingTest_FlaggedAsTamperingAndNotCounted()
    {
        using var project = await LoopProject.CreateAsync();

        var result = await project.RunAsync("run", "--remediate", "sh fixes/skip.sh");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.Equal("RED", run.GetProperty("verdict").GetString());
        Assert.Equal("test-tampering", run.GetProperty("stop_reason").GetString());
        Assert.Equal(1, run.GetProperty("iterations").GetArrayLength());
        var remediation = run.GetProperty("iterations")[0].GetProperty("remediation");
        Assert.Equal("rejected", remediation.GetProperty("guard_outcome").GetString());
        Assert.False(remediation.GetProperty("counts_as_fix").GetBoolean());
        Assert.Equal("tests/test_api.py", remediation.GetProperty("changed_test_files")[0].GetString());
        Assert.Contains(remediation.GetProperty("flags").EnumerateArray(), f => f.GetString()!.Contains("added-skip", StringComparison.Ordinal));
        var worklog = project.Worklog();
        Assert.Contains("test-tampering", worklog, StringComparison.Ordinal);
        Assert.Contains("**not counted as a fix**", worklog, StringComparison.Ordinal);
        Assert.Contains("@pytest.mark.skip", worklog, StringComparison.Ordinal);
        // The tampered file is left for review, not reset.
        Assert.Contains("@pytest.mark.skip", project.Read("tests/test_api.py"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RemediationChangesNothing_StopsWithNoChange()
    {
        using var project = await LoopProject.CreateAsync();

        var result = await project.RunAsync("run", "--remediate", "sh fixes/nothing.sh");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.Equal("no-change", run.GetProperty("stop_reason").GetString());
        Assert.Equal(1, run.GetProperty("iterations").GetArrayLength());
        Assert.Equal("no_change", run.GetProperty("iterations")[0].GetProperty("remediation").GetProperty("guard_outcome").GetString());
        Assert.Contains("the remediation made no change to the repository", project.Worklog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BuildPassesProbesButFailsTests_NeverKeptAndTheCrashRollsBackToTheBuildBefore()
    {
        using var project = await LoopProject.CreateAsync();
        var env = Path.Combine(project.Root, "service.env");
        var faulty = File.ReadAllText(env);
        File.WriteAllText(env, "");
        var green = await project.RunAsync("run");
        Assert.True(green.ExitCode == 0, green.All);
        var greenRun = project.RunJson();
        var goodRevision = greenRun.GetProperty("iterations")[0].GetProperty("services")[0].GetProperty("revision").GetString()!;
        var goodRunId = greenRun.GetProperty("run_id").GetString()!;
        Assert.Contains($"kept api {goodRevision} as its last good build: run {goodRunId} iteration 1 passed its tests", project.Worklog(), StringComparison.Ordinal);
        File.WriteAllText(env, faulty);

        // Iteration 1: the fault answers its probes but fails its test; the remediation then makes it crash on start.
        var result = await project.RunAsync("run", "--remediate", "sh fixes/crash.sh");

        Assert.True(result.ExitCode == 4, result.All);
        var run = Newest(project);
        Assert.Equal("BLOCKED", run.GetProperty("verdict").GetString());
        var iterations = run.GetProperty("iterations");
        Assert.Equal(2, iterations.GetArrayLength());
        Assert.Equal("RED", iterations[0].GetProperty("verdict").GetString());
        var failingRevision = iterations[0].GetProperty("services")[0].GetProperty("revision").GetString()!;
        Assert.NotEqual(goodRevision, failingRevision);
        var rollback = iterations[1].GetProperty("rollbacks")[0];
        Assert.True(rollback.GetProperty("succeeded").GetBoolean());
        Assert.True(rollback.GetProperty("healthy_after").GetBoolean());
        var from = rollback.GetProperty("from_revision").GetString()!;
        Assert.Equal(goodRevision, rollback.GetProperty("to_revision").GetString());
        Assert.NotEqual(from, goodRevision);
        Assert.Contains(rollback.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.Contains("exited with 3 during start", StringComparison.Ordinal));
        var worklog = File.ReadAllText(Path.Combine(project.Root, ".greenlight", "runs", run.GetProperty("run_id").GetString()!, "worklog.md"));
        Assert.Contains($"rolled back api from {from} to {goodRevision} (made good by run {goodRunId})", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain($"kept api {failingRevision}", worklog, StringComparison.Ordinal);
        Assert.Contains(run.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("loop.test_after_rollback is off", StringComparison.Ordinal));
        Assert.Contains("FATAL: startup-crash requested", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FaultPassesProbesThenCrash_NoGoodBuildYetSoNoRollbackAndSaysSo()
    {
        using var project = await LoopProject.CreateAsync();

        var result = await project.RunAsync("run", "--remediate", "sh fixes/crash.sh");

        Assert.True(result.ExitCode == 4, result.All);
        var run = project.RunJson();
        var iterations = run.GetProperty("iterations");
        Assert.Equal("RED", iterations[0].GetProperty("verdict").GetString());
        var rollback = iterations[1].GetProperty("rollbacks")[0];
        Assert.False(rollback.GetProperty("succeeded").GetBoolean());
        Assert.Contains("no last good build yet", rollback.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(project.Root, ".greenlight", "builds", "api")) && Directory.EnumerateFileSystemEntries(Path.Combine(project.Root, ".greenlight", "builds", "api")).Any());
    }

    private static JsonElement Newest(LoopProject project) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(
            Directory.GetDirectories(Path.Combine(project.Root, ".greenlight", "runs")).OrderByDescending(d => Directory.GetCreationTimeUtc(d)).ThenByDescending(d => d, StringComparer.Ordinal).First(), "run.json"))).RootElement;

    [Fact]
    public async Task Run_CrashOnFirstDeployWithNoLastGood_BlockedAndSaysSo()
    {
        using var project = await LoopProject.CreateAsync(root => File.WriteAllText(Path.Combine(root, "service.env"), "FAULT=startup-crash\n"));

        var result = await project.RunAsync("run", "--remediate", "sh fixes/fix.sh");

        Assert.True(result.ExitCode == 4, result.All);
        var run = project.RunJson();
        Assert.Equal("blocked", run.GetProperty("stop_reason").GetString());
        var rollback = run.GetProperty("iterations")[0].GetProperty("rollbacks")[0];
        Assert.False(rollback.GetProperty("succeeded").GetBoolean());
        Assert.Contains("no last good build yet", rollback.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Null(run.GetProperty("iterations")[0].GetProperty("remediation").GetString());
    }

    [Fact]
    public async Task Run_CrlfPythonFile_GateNamesFileAndLineThenRemediationFixesIt()
    {
        using var project = await LoopProject.CreateAsync(root =>
        {
            var service = Path.Combine(root, "service.py");
            File.WriteAllText(service, File.ReadAllText(service).Replace("\n", "\r\n", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(root, "service.env"), "");
        });

        var result = await project.RunAsync("run", "--remediate", "sh fixes/lf.sh");

        Assert.True(result.ExitCode == 0, result.All);
        var iterations = project.RunJson().GetProperty("iterations");
        Assert.Equal("RED", iterations[0].GetProperty("verdict").GetString());
        var gate = iterations[0].GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "line-endings");
        Assert.False(gate.GetProperty("passed").GetBoolean());
        Assert.StartsWith("service.py:1: CRLF line ending", gate.GetProperty("findings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, iterations[0].GetProperty("deployed").GetArrayLength());
        Assert.Equal("GREEN", iterations[1].GetProperty("verdict").GetString());
        Assert.Contains("#### Cluster: gate line-endings failed", project.Worklog(), StringComparison.Ordinal);
    }
}
