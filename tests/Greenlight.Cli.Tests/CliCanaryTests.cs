using System.Text;

namespace Greenlight.Cli.Tests;

/// <summary>
/// Secrets are masked where text leaves the process: a canary planted in the environment, the config,
/// a probe's URL and header, the service's log and error bodies, a test's name, output and failure message appears nowhere in
/// the console, the run folder, the history store or the tracking issue.
/// </summary>
public sealed class CliCanaryTests
{
    private const string Canary = "cnry-7f3a9b2c4d1e";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_CanaryThroughEveryInput_AppearsNowhere()
    {
        var project = CliProcess.CopyProject("canary-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, new Dictionary<string, string> { ["GL_CANARY_TOKEN"] = Canary }, "run", "--json");

            Assert.True(result.ExitCode == 1, result.All);
            Assert.DoesNotContain(Canary, result.All, StringComparison.Ordinal);
            var greenlight = Path.Combine(project, ".greenlight");
            var issues = Path.Combine(project, "issues");
            var files = Directory.EnumerateFiles(greenlight, "*", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(issues, "*", SearchOption.AllDirectories)).ToList();
            var leaks = files.Where(f => Contains(f, Canary)).Select(f => Path.GetRelativePath(project, f)).ToList();
            Assert.True(leaks.Count == 0, "canary found in: " + string.Join(", ", leaks));

            // The canary really went through each input: each output holds the mask where it stood.
            Assert.Contains(files, f => f.EndsWith("history.db", StringComparison.Ordinal));
            var runFolder = Directory.GetDirectories(Path.Combine(greenlight, "runs")).Single();
            Assert.Contains("upstream refused token ***", await File.ReadAllTextAsync(Path.Combine(runFolder, "logs", "api.log"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
            // The probe with the token in its URL and a header was sent, answered, and recorded masked.
            Assert.Contains("/health?key=***", await File.ReadAllTextAsync(Path.Combine(runFolder, "run.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
            var worklog = await File.ReadAllTextAsync(Path.Combine(runFolder, "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("token-***", worklog, StringComparison.Ordinal);
            Assert.Contains("charge with *** answered 500", worklog, StringComparison.Ordinal);
            Assert.Contains(files, f => f.EndsWith(".xml", StringComparison.Ordinal) && Contains(f, "charging with token ***"));
            Assert.Single(Directory.GetFiles(issues));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static bool Contains(string file, string text)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
