namespace Greenlight.Cli.Tests;

/// <summary>
/// <c>services.&lt;name&gt;.remote</c> through the real CLI. The platform is local shell scripts standing in
/// for <c>gcloud run deploy</c>, <c>update-traffic</c>, <c>describe</c> and <c>logging read</c>; the service
/// they run is a real Python HTTP server on a loopback port.
/// </summary>
public sealed class RemoteServiceTests
{
    [Fact]
    public async Task Run_RemoteServiceAnswersWrongly_RedWithLineFromLogsCommand()
    {
        using var project = RemoteProject.Create("wrong-greeting");

        var result = await project.RunAsync("run");

        Assert.True(result.ExitCode == 1, result.All);
        var run = project.RunJson();
        Assert.Equal("RED", run.GetProperty("verdict").GetString());
        var service = run.GetProperty("iterations")[0].GetProperty("services")[0];
        Assert.Equal("api-00001", service.GetProperty("revision").GetString());
        Assert.Equal("api-00001", project.Serving());
        var evidence = run.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("evidence").EnumerateArray())
            .Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(evidence, text => text.Contains("greeting table missing", StringComparison.Ordinal));
        Assert.Contains("greeting table missing", project.Worklog(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logs: { file: .platform/service.log }")]
    [InlineData("logs: { command: \"sh platform/logs.sh {since} {until}\" }")]
    public async Task Run_ServiceLogsConfiguredOnService_ClusterQuotesLineFromIt(string logs)
    {
        using var project = RemoteProject.Create("wrong-greeting");
        // The service-level logs: instead of remote.logs, so the line can only come from it.
        project.EditConfig(yaml => yaml.Replace("      logs: sh platform/logs.sh {since} {until}\n", "", StringComparison.Ordinal)
            .Replace("    probes:", "    " + logs + "\n    probes:", StringComparison.Ordinal));

        Assert.DoesNotContain("logs: sh platform", File.ReadAllText(Path.Combine(project.Root, "greenlight.yaml")), StringComparison.Ordinal);

        var result = await project.RunAsync("run");

        Assert.True(result.ExitCode == 1, result.All);
        var evidence = project.RunJson().GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("evidence").EnumerateArray())
            .Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Contains(evidence, text => text.Contains("greeting table missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_RemoteRevisionCrashes_RolledBackByRollbackCommandAndBlocked()
    {
        using var project = RemoteProject.Create("good");
        await project.PlatformAsync("deploy.sh"); // api-00001 is in production before the run
        project.SetRelease("crash");

        var result = await project.RunAsync("run");

        Assert.True(result.ExitCode == 4, result.All);
        var run = project.RunJson();
        Assert.Equal("BLOCKED", run.GetProperty("verdict").GetString());
        var rollback = run.GetProperty("iterations")[0].GetProperty("rollbacks")[0];
        Assert.True(rollback.GetProperty("succeeded").GetBoolean(), rollback.ToString());
        Assert.True(rollback.GetProperty("healthy_after").GetBoolean(), rollback.ToString());
        Assert.Equal("api-00002", rollback.GetProperty("from_revision").GetString());
        Assert.Equal("api-00001", rollback.GetProperty("to_revision").GetString());
        Assert.Equal("api-00001", project.Serving());
        var worklog = project.Worklog();
        Assert.Contains("rolled back api from api-00002 to api-00001", worklog, StringComparison.Ordinal);
        // The crashed revision's own line, read through the logs command, explains the cluster.
        Assert.Contains("FATAL release crash cannot start", worklog, StringComparison.Ordinal);
        Assert.Contains(run.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("loop.test_after_rollback is off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_RemoteRollbackCommandFails_BlockedWithItsOutput()
    {
        using var project = RemoteProject.Create("good");
        await project.PlatformAsync("deploy.sh");
        project.SetRelease("crash");
        File.WriteAllText(Path.Combine(project.Root, "rollback-fails"), "");

        var result = await project.RunAsync("run");

        Assert.True(result.ExitCode == 4, result.All);
        var run = project.RunJson();
        Assert.Equal("BLOCKED", run.GetProperty("verdict").GetString());
        var rollback = run.GetProperty("iterations")[0].GetProperty("rollbacks")[0];
        Assert.False(rollback.GetProperty("succeeded").GetBoolean());
        Assert.Contains("PERMISSION_DENIED", rollback.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(run.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("PERMISSION_DENIED", StringComparison.Ordinal));
        Assert.Equal("api-00002", project.Serving());
    }
}
