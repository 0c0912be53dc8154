namespace Greenlight.Cli.Tests;

/// <summary>The loop's bad inputs, for real: remediation that fixes nothing, hangs, changes code in an analysis-only run, or meets a dirty tree.</summary>
public sealed class LoopGuardTests
{
    [Fact]
    public async Task Run_SameFailureAfterRemediation_StopsWithNoProgress()
    {
        using var project = await LoopProject.CreateAsync();

        var result = await project.RunAsync("run", "--remediate", "sh fixes/touch.sh");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.Equal("no-progress", run.GetProperty("stop_reason").GetString());
        var iterations = run.GetProperty("iterations");
        Assert.Equal(2, iterations.GetArrayLength());
        Assert.Equal(iterations[0].GetProperty("fingerprints").ToString(), iterations[1].GetProperty("fingerprints").ToString());
        Assert.Contains("persisted 2 iterations in a row", project.Worklog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RemediationHangs_KilledWithItsTreeAtTheTimeoutAndNotDeployed()
    {
        using var project = await LoopProject.CreateAsync(root =>
        {
            var config = Path.Combine(root, "greenlight.yaml");
            File.WriteAllText(config, File.ReadAllText(config).Replace("remediate_timeout: 1m", "remediate_timeout: 2s", StringComparison.Ordinal));
        });

        var result = await project.RunAsync("run", "--remediate", "sh fixes/hang.sh");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.Equal("remediation-failed", run.GetProperty("stop_reason").GetString());
        var remediation = run.GetProperty("iterations")[0].GetProperty("remediation");
        Assert.True(remediation.GetProperty("timed_out").GetBoolean());
        Assert.Contains("left in the working tree and was not deployed", run.GetProperty("stop_detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, run.GetProperty("iterations").GetArrayLength());
        var child = File.ReadAllText(Path.Combine(project.RunDirectory, "hang-child.pid")).Trim();
        Assert.False(IsRunning(child), $"the remediation's child process {child} survived the timeout");
    }

    [Fact]
    public async Task Run_AnalysisOnlyAndRemediationEditsTrackedFile_ViolationEndsTheRun()
    {
        using var project = await LoopProject.CreateAsync();

        var result = await project.RunAsync("run", "--analysis-only", "--remediate", "sh fixes/fix.sh");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.True(run.GetProperty("analysis_only").GetBoolean());
        Assert.Equal("analysis-only-violation", run.GetProperty("stop_reason").GetString());
        var remediation = run.GetProperty("iterations")[0].GetProperty("remediation");
        Assert.Equal("analysis_only_violation", remediation.GetProperty("guard_outcome").GetString());
        Assert.Contains(remediation.GetProperty("flags").EnumerateArray(), f => f.GetString()!.StartsWith("service.env: analysis-only-violation", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_DirtyTreeAndRefuseDirty_RemediationNotRun()
    {
        using var project = await LoopProject.CreateAsync(root => File.AppendAllText(Path.Combine(root, "greenlight.yaml"), "guard: { refuse_dirty: true }\n"));
        File.AppendAllText(Path.Combine(project.Root, "tests", "test_api.py"), "\n# a local edit nobody committed\n");

        var result = await project.RunAsync("run", "--remediate", "sh fixes/fix.sh");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.Equal("dirty-tree", run.GetProperty("stop_reason").GetString());
        var remediation = run.GetProperty("iterations")[0].GetProperty("remediation");
        Assert.Equal("not run", remediation.GetProperty("result").GetString());
        Assert.Contains(remediation.GetProperty("dirty_before").EnumerateArray(), d => d.GetString()!.Contains("tests/test_api.py", StringComparison.Ordinal));
        Assert.Equal("FAULT=wrong-greeting\n", project.Read("service.env"));
    }

    private static bool IsRunning(string pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        // A zombie waits only for its parent to reap it: it runs nothing.
        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)] != 'Z';
    }
}
