using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary><c>tracking: {folder: …}</c> through the real CLI: a RED run opens its issue file, a later GREEN run closes it.</summary>
public sealed class CliTrackingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_RedThenGreen_FolderIssueOpenedThenClosed()
    {
        var project = CliProcess.CopyProject("failing-project");
        try
        {
            var config = Path.Combine(project, "greenlight.yaml");
            await File.AppendAllTextAsync(config, "tracking:\n  folder: issues\n", TestContext.Current.CancellationToken);

            var red = await CliProcess.RunAsync(project, Timeout, "run", "--json");

            Assert.True(red.ExitCode == 1, red.All);
            var redRun = JsonDocument.Parse(red.Stdout).RootElement;
            var redId = redRun.GetProperty("run_id").GetString()!;
            var issue = Path.Combine(project, "issues", $"{redId}.md");
            Assert.Equal(issue, redRun.GetProperty("tracking").GetProperty("location").GetString());
            var opened = await File.ReadAllTextAsync(issue, TestContext.Current.CancellationToken);
            Assert.StartsWith("<!-- status: open -->", opened, StringComparison.Ordinal);
            Assert.Contains("RED", opened, StringComparison.Ordinal);
            Assert.Contains("checkout (P1 api-checks)", opened, StringComparison.Ordinal);
            Assert.Contains("## Root causes", opened, StringComparison.Ordinal);

            // The fix: only the test that passes stays.
            var tests = Path.Combine(project, "tests", "test_checkout.py");
            var source = await File.ReadAllTextAsync(tests, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(tests, source[..source.IndexOf("def test_charge_succeeds", StringComparison.Ordinal)], TestContext.Current.CancellationToken);
            var green = await CliProcess.RunAsync(project, Timeout, "run", "--json");

            Assert.True(green.ExitCode == 0, green.All);
            var tracking = JsonDocument.Parse(green.Stdout).RootElement.GetProperty("tracking");
            Assert.Equal(JsonValueKind.Null, tracking.GetProperty("location").ValueKind);
            Assert.Contains(tracking.GetProperty("closed").EnumerateArray(), c => c.GetString()!.Contains(redId, StringComparison.Ordinal));
            Assert.StartsWith("<!-- status: closed -->", await File.ReadAllTextAsync(issue, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Plan_BadTrackingConfig_ErrorsWithLines()
    {
        var project = CliProcess.CopyProject("pytest-project");
        try
        {
            await File.AppendAllTextAsync(Path.Combine(project, "greenlight.yaml"),
                "tracking:\n  github:\n    repo: just-a-name\n    labls: [e2e]\n", TestContext.Current.CancellationToken);

            var result = await CliProcess.RunAsync(project, Timeout, "plan");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("greenlight.yaml:20:11: tracking.github.repo: 'just-a-name' is not owner/name", result.All, StringComparison.Ordinal);
            Assert.Contains("tracking.github.labls: unknown key 'labls'; did you mean 'labels'?", result.All, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }
}
