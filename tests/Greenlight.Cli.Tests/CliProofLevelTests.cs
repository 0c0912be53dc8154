using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// A <c>runner: command</c> suite whose plain JUnit file has no per-test times: its passes can be tied
/// to the suite only. By default that is not proof; accepted explicitly, the suite's traffic must be real.
/// </summary>
public sealed class CliProofLevelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private const string AcceptSuiteLevel = "    proof: { level: suite, level_reason: \"check.py writes no per-test times\" }\n";

    [Fact]
    public async Task Run_PlainJUnitWithoutTimes_UnprovenNoAttribution()
    {
        var (result, run, worklog) = await RunAsync(extraConfig: "", offline: false);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Equal(2, run.GetProperty("test_counts").GetProperty("doubted").GetInt32());
        Assert.All(run.GetProperty("doubted").EnumerateArray(), t =>
        {
            Assert.Equal("suite", t.GetProperty("proof_level").GetString());
            Assert.Equal(["no-attribution"], t.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        });
        Assert.Contains("proof level suite, the suite requires window", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SuiteLevelAcceptedAndRealTraffic_GreenAndWorklogSaysWhy()
    {
        var (result, run, worklog) = await RunAsync(AcceptSuiteLevel, offline: false);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("by level: 2 suite", run.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("proof level suite accepted for this suite: check.py writes no per-test times", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SuiteLevelAcceptedButNoRequestReachedTheService_Unproven()
    {
        var (result, run, _) = await RunAsync(AcceptSuiteLevel, offline: true);

        Assert.True(result.ExitCode == 3, result.All);
        var suite = run.GetProperty("suites")[0];
        Assert.Equal(["no-traffic"], suite.GetProperty("proof_reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Run_SuiteLevelAndOneCheckFakedAfterAnHonestRun_UnprovenForTheDroppedTraffic()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            await File.AppendAllTextAsync(Path.Combine(project, "greenlight.yaml"), AcceptSuiteLevel, TestContext.Current.CancellationToken);
            var honest = await CliProcess.RunAsync(project, Timeout, "run", "--json");
            var faked = await CliProcess.RunAsync(project, Timeout, new Dictionary<string, string> { ["CHECK_FAKE_ITEMS"] = "1" }, "run", "--json");

            Assert.True(honest.ExitCode == 0, honest.All);
            Assert.True(faked.ExitCode == 3, faked.All);
            var first = JsonDocument.Parse(honest.Stdout).RootElement;
            var suite = JsonDocument.Parse(faked.Stdout).RootElement.GetProperty("suites")[0];
            Assert.Equal(["no-traffic"], suite.GetProperty("proof_reasons").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(
                $"no-traffic: the recording proxies saw 1 request(s) during the suite, 2 in run {first.GetProperty("run_id").GetString()} with the same 2 passing test(s): "
                + "a request may have gone around the proxy (a stub, a mock, a hard-coded answer)",
                suite.GetProperty("proof_evidence")[0].GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static async Task<(CliProcess.Result Result, JsonElement Run, string Worklog)> RunAsync(string extraConfig, bool offline)
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            await File.AppendAllTextAsync(Path.Combine(project, "greenlight.yaml"), extraConfig, TestContext.Current.CancellationToken);
            var environment = new Dictionary<string, string> { ["CHECK_OFFLINE"] = offline ? "1" : "0" };
            var result = await CliProcess.RunAsync(project, Timeout, environment, "run", "--json");
            var run = JsonDocument.Parse(result.Stdout).RootElement.Clone();
            var folder = Directory.GetDirectories(Path.Combine(project, ".greenlight", "runs")).Single();
            return (result, run, await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
