using System.Text.Json;
using AgentChat.Tests.Support;

namespace AgentChat.Tests.Integration;

/// <summary>Processes that must refuse to start, and say why in one critical log line.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_CrlfAgentDefinitions_ExitsNonZeroWithTheParsersError()
    {
        var dir = Directory.CreateTempSubdirectory("agentchat-crlf-").FullName;
        try
        {
            var file = Path.Combine(dir, "agents.def");
            File.WriteAllText(file, File.ReadAllText(Unit.AgentDefinitionParserTests.BuiltFile).ReplaceLineEndings("\r\n"));

            var (code, critical) = await RunToExitAsync("AgentChat.Backend", new() { ["AGENTCHAT_AGENTS_FILE"] = file });

            Assert.Equal(1, code);
            Assert.Equal($"startup failed: {file}:1: line ends with a carriage return (CRLF line ending); agent definitions must use LF line endings", critical.GetProperty("message").GetString());
            Assert.StartsWith("AgentChat.Backend.Agents.AgentDefinitionException: ", critical.GetProperty("exception").GetString(), StringComparison.Ordinal);
            Assert.Contains("AgentDefinitionParser.Parse", critical.GetProperty("exception").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task ReplayScript_CrlfThenRestore_BackendRefusedThenFileBackAsCommitted()
    {
        // A throwaway repository holding the script, .gitattributes and agents.def at their real
        // paths: the script runs for real without touching this working tree.
        var repo = Directory.CreateTempSubdirectory("agentchat-replay-").FullName;
        try
        {
            const string definitions = "sample/AgentChat.Backend/Agents/agents.def";
            foreach (var path in new[] { "sample/replay.sh", ".gitattributes", definitions })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(repo, path))!);
                File.Copy(Path.Combine(RepoPaths.Root, path), Path.Combine(repo, path));
            }

            var committed = File.ReadAllBytes(Path.Combine(repo, definitions));
            await ToolAsync(repo, "git", "init", "-q");
            await ToolAsync(repo, "git", "add", ".");
            await ToolAsync(repo, "git", "-c", "user.name=test", "-c", "user.email=test@localhost", "commit", "-qm", "replay test");

            await ToolAsync(repo, "bash", "sample/replay.sh", "crlf");
            var (code, critical) = await RunToExitAsync("AgentChat.Backend", new() { ["AGENTCHAT_AGENTS_FILE"] = Path.Combine(repo, definitions) });
            await ToolAsync(repo, "bash", "sample/replay.sh", "restore");

            Assert.Equal(1, code);
            Assert.Contains($"{definitions}:1: line ends with a carriage return", critical.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(committed, File.ReadAllBytes(Path.Combine(repo, definitions)));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }

    [Fact]
    public async Task Start_DeprecatedStartupCrash_BackendFailsWithTheParsersCrlfError()
    {
        var (code, critical) = await RunToExitAsync("AgentChat.Backend", new() { ["AGENTCHAT_FAULT"] = "startup-crash" });

        Assert.Equal(1, code);
        Assert.Matches(@"^startup failed: .+/agents\.def:1: line ends with a carriage return \(CRLF line ending\)", critical.GetProperty("message").GetString());
        Assert.StartsWith("AgentChat.Backend.Agents.AgentDefinitionException: ", critical.GetProperty("exception").GetString(), StringComparison.Ordinal);
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

    private static async Task ToolAsync(string workingDirectory, string file, params string[] arguments)
    {
        using var deadline = Deadline.Start();
        var info = new System.Diagnostics.ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await errors}");
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
