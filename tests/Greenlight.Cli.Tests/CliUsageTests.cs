namespace Greenlight.Cli.Tests;

public sealed class CliUsageTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_Root_ListsEveryCommandAndTheExitCodes()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "run", "plan", "probe", "report" })
        {
            Assert.Contains($"  {command} ", result.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("GREEN 0, RED 1, configuration or usage error 2, UNPROVEN 3, BLOCKED 4", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "--config", "--focus", "--no-fail-fast", "--json")]
    [InlineData("plan", "--config", "--focus", "--json", "")]
    [InlineData("report", "--format", "--config", "RUN", "")]
    [InlineData("probe", "--config", "", "", "")]
    public async Task Help_Command_ShowsItsOptions(string command, string a, string b, string c, string d)
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, command, "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { a, b, c, d }.Where(o => o.Length > 0))
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_UnknownOption_UsageErrorExit2()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "run", "--fast");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--fast", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IterationsOutOfRange_UsageErrorExit2()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "run", "--iterations", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--iterations must be between 1 and 100", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Run_ShowsLoopOptions()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--iterations <N>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--remediate <CMD>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--analysis-only", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoConfigAnywhere_Exit2NamingTheFolder()
    {
        var empty = Directory.CreateTempSubdirectory("greenlight-cli-empty-").FullName;
        try
        {
            var result = await CliProcess.RunAsync(empty, Timeout, "run");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"no greenlight.yaml in {empty} or any parent folder", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task Run_BrokenConfig_Exit2PrintingEveryErrorWithLine()
    {
        var dir = Directory.CreateTempSubdirectory("greenlight-cli-bad-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "greenlight.yaml"), """
                project: broken
                services:
                  api:
                    local: { run: "python3 x.py", port: 99999 }
                    dependson: [db]
                suites:
                  - { id: s, priority: P7, runner: jest, path: . }
                """, TestContext.Current.CancellationToken);

            var result = await CliProcess.RunAsync(dir, Timeout, "run");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("greenlight.yaml:4:41: services.api.local.port: must be a number between 1 and 65535", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("greenlight.yaml:5:5: services.api.dependson: unknown key 'dependson'; did you mean 'depends_on'?", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("greenlight.yaml:7:24: suites.s.priority: 'P7' is not a priority", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("greenlight.yaml:7:36: suites.s.runner: unknown runner 'jest'", result.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, ".greenlight")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Report_NoRunsYet_Exit2()
    {
        var project = CliProcess.CopyProject("command-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "report");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("no runs yet", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
