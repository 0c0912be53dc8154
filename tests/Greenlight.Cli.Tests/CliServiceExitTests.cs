using System.Globalization;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>A service killed in the middle of the tests: the run names its exit as the cause of what failed after it.</summary>
public sealed class CliServiceExitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_ServiceKilledWithSigkillMidSuite_RedWithTheExitAsFirstRootCauseAndAvailabilityZero()
    {
        var project = CliProcess.CopyProject("exit-project");
        try
        {
            var run = CliProcess.RunAsync(project, Timeout, "run");
            // The second test writes kill-now, then waits for the service to stop answering.
            var marker = Path.Combine(project, "kill-now");
            while (!File.Exists(marker))
            {
                if (run.IsCompleted)
                {
                    Assert.Fail($"the run ended before its second test asked for the kill:\n{(await run).All}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            }

            var pidFile = Directory.GetFiles(Path.Combine(project, ".greenlight", "pids"), "api.pid", SearchOption.AllDirectories).Single();
            var group = File.ReadAllLines(pidFile).Single(l => l.StartsWith("pid=", StringComparison.Ordinal))[4..];
            await KillAsync("-KILL", "--", "-" + group);
            var result = await run;

            Assert.True(result.ExitCode == 1, result.All);
            Assert.Contains("Availability: 0/1 critical services healthy", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("Stopped during the run: api at ", result.Stdout, StringComparison.Ordinal);
            var folder = CliProcess.RunDirectory(project);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"), TestContext.Current.CancellationToken));
            var root = json.RootElement;
            Assert.Equal("RED", root.GetProperty("verdict").GetString());
            var exit = root.GetProperty("services")[0].GetProperty("exit");
            Assert.Equal("SIGKILL", exit.GetProperty("signal").GetString());
            Assert.Equal(137, exit.GetProperty("exit_code").GetInt32());
            Assert.StartsWith("critical service 'api' stopped during the run at ", root.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
            Assert.Contains("killed by SIGKILL", root.GetProperty("next_action").GetString(), StringComparison.Ordinal);

            // The stop leads the root causes; the failures after it are clusters it precedes.
            var clusters = root.GetProperty("clusters").EnumerateArray().ToList();
            Assert.True(clusters.Count >= 2, root.GetProperty("clusters").ToString());
            Assert.Contains("api stopped during the run: killed by SIGKILL, exit code 137", clusters[0].GetProperty("title").GetString(), StringComparison.Ordinal);
            Assert.All(clusters.Skip(1), c => Assert.StartsWith("api stopped (killed by SIGKILL, exit code 137) ", c.GetProperty("preceding_deploy").GetString(), StringComparison.Ordinal));
            var failed = RunTestsFile.Read(folder).Where(t => t.GetProperty("outcome").GetString() == "failed").Select(t => t.GetProperty("name").GetString()).ToList();
            Assert.Equal(2, failed.Count);
            Assert.All(failed, name => Assert.DoesNotContain("before_the_kill", name, StringComparison.Ordinal));

            var worklog = await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("**Availability:** 0/1 critical services healthy", worklog, StringComparison.Ordinal);
            Assert.Contains("### 1. api stopped during the run: killed by SIGKILL, exit code 137", worklog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static async Task KillAsync(params string[] args)
    {
        using var kill = System.Diagnostics.Process.Start("kill", args)!;
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(kill.ExitCode == 0, string.Create(CultureInfo.InvariantCulture, $"kill {string.Join(' ', args)} exited with {kill.ExitCode}"));
    }
}
