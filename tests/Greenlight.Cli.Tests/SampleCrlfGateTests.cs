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
        var copy = await SampleCopy.WithReplayAsync("greenlight-crlf-", "crlf", "greenlight.yaml", ".gitattributes");
        try
        {
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
}
