using System.Diagnostics;
using Greenlight.Model;
using Greenlight.Results;

namespace Greenlight.Cli.Tests;

/// <summary><c>run --junit FILE</c> and the GitHub Actions step summary and annotations, on a real run.</summary>
public sealed class CliCiOutputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_UnprovenWithJUnitAndGitHubActions_VerdictFileSummaryAndAnnotations()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            var summary = Path.Combine(project, "step-summary.md");
            var environment = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary };

            var result = await CliProcess.RunAsync(project, Timeout, environment, "run", "--junit", "ci/verdict.xml");

            Assert.True(result.ExitCode == 3, result.All);
            var junit = Path.Combine(project, "ci", "verdict.xml");
            // Greenlight's own JUnit reader: both passes are failures of type unproven, with their reason.
            var read = await new JUnitResultReader().ReadAsync(junit, TestContext.Current.CancellationToken);
            Assert.Empty(read.Problems);
            Assert.Equal(["api-checks.api.checks.health_answers", "api-checks.api.checks.items_listed"], read.Cases.Select(c => c.FullName).Order(StringComparer.Ordinal));
            Assert.All(read.Cases, c =>
            {
                Assert.Equal(TestOutcome.Failed, c.Outcome);
                Assert.Equal("unproven: no-attribution", c.Message!.Split('\n')[0]);
            });
            // And Python's standard library, as other tools read it.
            Assert.Equal("2 2 unproven", await PythonAsync(junit,
                "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); c = r.findall('.//testcase'); "
                + "print(len(c), r.get('failures'), c[0].find('failure').get('type'))"));
            var text = await File.ReadAllTextAsync(summary, TestContext.Current.CancellationToken);
            Assert.StartsWith("## Greenlight: ❌ UNPROVEN (exit 3)", text, StringComparison.Ordinal);
            Assert.Contains("| api-checks | unproven | 2 | 0 | 2 | 0 |", text, StringComparison.Ordinal);
            Assert.Contains("::warning title=api-checks%3A api.checks.health_answers unproven::passed but unproven (no-attribution): ", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Run_GreenWithJUnit_EveryTestAPassingCaseAndNoAnnotationOutsideActions()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        try
        {
            await File.AppendAllTextAsync(Path.Combine(project, "greenlight.yaml"),
                "    proof: { level: suite, level_reason: \"check.py writes no per-test times\" }\n", TestContext.Current.CancellationToken);

            var result = await CliProcess.RunAsync(project, Timeout, "run", "--junit", "verdict.xml");

            Assert.True(result.ExitCode == 0, result.All);
            Assert.DoesNotContain("::", result.Stdout, StringComparison.Ordinal);
            Assert.Equal("2 0 0", await PythonAsync(Path.Combine(project, "verdict.xml"),
                "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
                + "print(len(r.findall('.//testcase')), len(r.findall('.//failure')), r.get('errors'))"));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static async Task<string> PythonAsync(string file, string script)
    {
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await python.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await python.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await python.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(python.ExitCode == 0, error);
        return output.Trim();
    }
}
