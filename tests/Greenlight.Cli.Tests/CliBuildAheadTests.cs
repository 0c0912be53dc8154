using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// A service builds while the one before it starts: the first service of this project becomes ready
/// only once the second one's build has begun, so a deploy that built and started one service at a
/// time would time the first one out.
/// </summary>
public sealed class CliBuildAheadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_SecondServiceBuildsWhileTheFirstStarts_BothReadyAndEveryBuildRecorded()
    {
        var project = CliProcess.CopyProject("build-ahead-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 0, result.All);
            var folder = CliProcess.RunDirectory(project);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"), TestContext.Current.CancellationToken));
            var services = json.RootElement.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
            Assert.True(services["first"].GetProperty("deployed").GetBoolean());
            Assert.True(services["second"].GetProperty("deployed").GetBoolean());
            Assert.Equal(
                ["build first", "build second", "start first", "start second"],
                json.RootElement.GetProperty("commands").EnumerateArray()
                    .Select(c => $"{c.GetProperty("kind").GetString()} {c.GetProperty("subject").GetString()}")
                    .Where(c => c.StartsWith("build", StringComparison.Ordinal) || c.StartsWith("start", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal));

            // The trail: the second build began before the first service was ready, and the second started after it.
            var trail = File.ReadLines(Path.Combine(folder, "trail.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
                .Select(s => $"{s.GetProperty("stage").GetString()} {s.GetProperty("text").GetString()}").ToList();
            int At(string prefix) => trail.FindIndex(s => s.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(At("build building second") >= 0, string.Join('\n', trail));
            Assert.True(At("build building second") < At("deploy first ready at"), string.Join('\n', trail));
            Assert.True(At("deploy first ready at") < At("deploy starting second"), string.Join('\n', trail));

            // The worklog lists both builds, and report.html was written once the run was over.
            var worklog = await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("echo built > first.built", worklog, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "report.html")));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
