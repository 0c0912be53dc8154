namespace Greenlight.Cli.Tests;

/// <summary>Two runs at once in one folder (a developer and a CI job): each keeps its own services, and both finish GREEN.</summary>
public sealed class CliConcurrentRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_SecondRunStartsWhileFirstTests_BothGreenNothingReaped()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            // A test that holds the first run in its tests long enough for the second to deploy beside it.
            await File.AppendAllTextAsync(Path.Combine(project, "tests", "test_api.py"),
                "\n\ndef test_hello_again_after_a_while():\n    import time\n    time.sleep(6)\n    assert get(\"/health\")[0] == 200\n", TestContext.Current.CancellationToken);
            var first = CliProcess.RunAsync(project, Timeout, "run");
            await WaitForServiceOfOneRunAsync(project, first);

            var second = await CliProcess.RunAsync(project, Timeout, "run");
            var firstResult = await first;

            Assert.True(firstResult.ExitCode == 0, firstResult.All);
            Assert.True(second.ExitCode == 0, second.All);
            var worklogs = Directory.GetDirectories(Path.Combine(project, ".greenlight", "runs"))
                .Select(d => File.ReadAllText(Path.Combine(d, "worklog.md"))).ToList();
            Assert.Equal(2, worklogs.Count);
            Assert.All(worklogs, w => Assert.DoesNotContain("reaped", w, StringComparison.Ordinal));
            Assert.All(worklogs, w => Assert.Contains("all 3 tests in 1 suites ran, passed and are proven", w, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    /// <summary>Until the first run has registered its service (it is then deployed and heading into its tests).</summary>
    private static async Task WaitForServiceOfOneRunAsync(string project, Task<CliProcess.Result> run)
    {
        var pids = Path.Combine(project, ".greenlight", "pids");
        while (!Directory.Exists(pids) || Directory.GetFiles(pids, "api.pid", SearchOption.AllDirectories).Length == 0)
        {
            if (run.IsCompleted)
            {
                var result = await run;
                Assert.Fail($"the first run ended before its service was registered:\n{result.All}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        }
    }
}
