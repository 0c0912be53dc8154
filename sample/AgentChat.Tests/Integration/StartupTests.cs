using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>Processes that must refuse to start, and say why in one critical log line.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("AgentChat.Auth")]
    [InlineData("AgentChat.Backend")]
    public async Task Start_StartupCrashFault_ExitsNonZeroWithStartupFailedLine(string project)
    {
        var (code, critical) = await RunToExitAsync(project, new() { ["AGENTCHAT_FAULT"] = "startup-crash" });

        Assert.Equal(1, code);
        Assert.StartsWith("startup failed: IndentationError: unexpected indent", critical.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AgentChat.Auth")]
    [InlineData("AgentChat.Backend")]
    public async Task Start_UnknownFaultSwitch_ExitsWithErrorNamingIt(string project)
    {
        var (code, critical) = await RunToExitAsync(project, new() { ["AGENTCHAT_FAULT"] = "slow-db,explode" });

        Assert.Equal(2, code);
        Assert.Contains("unknown fault switch 'explode'", critical.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShortJwtKey_ExitsWithError()
    {
        var (code, critical) = await RunToExitAsync("AgentChat.Backend", new() { ["AGENTCHAT_JWT_KEY"] = "short" });

        Assert.Equal(2, code);
        Assert.Contains("AGENTCHAT_JWT_KEY must be at least 32 bytes", critical.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("short\"", critical.GetRawText(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, JsonElement Critical)> RunToExitAsync(string project, Dictionary<string, string> environment)
    {
        using var deadline = Deadline.Start();
        var dir = Directory.CreateTempSubdirectory("agentchat-startup-").FullName;
        try
        {
            environment["AGENTCHAT_DB"] = Path.Combine(dir, "x.db");
            await using var service = ServiceProcess.Start(project, dir, environment);
            var code = await service.WaitForExitAsync(deadline.Token);
            var critical = await service.WaitForLogAsync(e => e.GetProperty("level").GetString() == "critical", deadline.Token);
            Assert.DoesNotContain(service.Lines, l => l.Contains("listening on", StringComparison.Ordinal));
            return (code, critical);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
