using System.Diagnostics;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The field's CRLF incident on a copy of the sample, for real: <c>sample/replay.sh crlf</c> rewrites the
/// backend's agent definitions (tracked <c>eol=lf</c>) with CRLF in the working tree, and Greenlight's
/// line-endings gate stops the run before anything is built or deployed, naming the file and line.
/// </summary>
public sealed class SampleCrlfGateTests
{
    [Fact]
    public async Task Run_AfterReplayCrlf_GateRedBeforeDeployNamingTheFileAndLine()
    {
        var copy = Directory.CreateTempSubdirectory("greenlight-crlf-").FullName;
        try
        {
            var root = CliProcess.RepositoryRoot();
            File.Copy(Path.Combine(root, "greenlight.yaml"), Path.Combine(copy, "greenlight.yaml"));
            File.Copy(Path.Combine(root, ".gitattributes"), Path.Combine(copy, ".gitattributes"));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "sample"), "*", SearchOption.AllDirectories)
                         .Where(f => !Path.GetRelativePath(root, f).Split('/').Any(part => part is "bin" or "obj")))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(root, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            await ToolAsync(copy, "git", "init", "-q");
            await ToolAsync(copy, "git", "add", "-A");
            await ToolAsync(copy, "git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "sample");
            await ToolAsync(copy, "bash", "sample/replay.sh", "crlf");

            var result = await CliProcess.RunAsync(copy, TimeSpan.FromMinutes(3), "run", "--json");

            Assert.True(result.ExitCode == 1, result.All);
            var run = JsonDocument.Parse(result.Stdout).RootElement;
            var gate = run.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "line-endings");
            Assert.False(gate.GetProperty("passed").GetBoolean());
            Assert.Contains(gate.GetProperty("findings").EnumerateArray().Select(f => f.GetString()!),
                f => f.StartsWith("sample/AgentChat.Backend/Agents/agents.def:1", StringComparison.Ordinal));
            // Nothing was built or started: the gate runs before every deploy.
            Assert.All(run.GetProperty("services").EnumerateArray(), s => Assert.False(s.GetProperty("deployed").GetBoolean()));
            Assert.False(Directory.Exists(Path.Combine(copy, "sample", "AgentChat.Backend", "bin")));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task ToolAsync(string directory, string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {error}");
    }
}
