using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Greenlight.Cli.Tests;

/// <summary>
/// report.html of real runs of the sample, opened in chromium as a person would: one GREEN run of every
/// suite (with its JUnit verdict read by Python) and one RED run under a fault switch. Each run is made
/// once and checked for everything it can show.
/// </summary>
[Collection("sample")]
public sealed class SampleReportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    private static string RunFolder(string root, JsonElement run) =>
        Path.Combine(root, ".greenlight", "runs", run.GetProperty("run_id").GetString()!);

    [Fact]
    public async Task Run_SampleGreen_ReportShowsEvery90TestsAndJUnitParsesInPython()
    {
        var root = CliProcess.RepositoryRoot();
        var junit = Path.Combine(Path.GetTempPath(), $"greenlight-junit-{Guid.NewGuid():N}.xml");
        try
        {
            var result = await CliProcess.RunAsync(root, Timeout, "run", "--json", "--junit", junit);

            Assert.True(result.ExitCode == 0, result.All);
            var run = JsonDocument.Parse(result.Stdout).RootElement;
            Assert.Equal("GREEN", run.GetProperty("verdict").GetString());
            Assert.Equal(90, run.GetProperty("test_counts").GetProperty("total").GetInt32());
            Assert.Equal("90 0 0", await PythonAsync(junit,
                "import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); c = r.findall('.//testcase'); "
                + "print(len(c), len(r.findall('.//failure')), len(r.findall('.//error')))"));

            var report = Path.Combine(RunFolder(root, run), "report.html");
            await using var browser = await ReportBrowser.LaunchAsync();
            var page = await browser.OpenAsync(new Uri(report).AbsoluteUri);
            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("GREEN — 90 tests: 90 proven, 0 failed");
            await Assertions.Expect(page.Locator("#timeline")).ToBeVisibleAsync();
            await ReportBrowser.ScreenshotAsync(page, "report-green");

            // Every test is reachable page by page, and only one page of rows is in the DOM at a time.
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var rows = await page.Locator("#test-rows tr.test-row td:nth-child(4)").AllTextContentsAsync();
                Assert.InRange(rows.Count, 1, 50);
                names.UnionWith(rows);
                if (await page.Locator("#next").IsDisabledAsync())
                {
                    break;
                }

                await page.Locator("#next").ClickAsync();
            }

            Assert.Equal(90, names.Count);
            await page.Locator("#search").FillAsync("T023_StreamingPartialResults");
            await Assertions.Expect(page.Locator("#test-rows tr.test-row")).ToHaveCountAsync(1);
            await page.Locator("#test-rows tr.test-row").First.ClickAsync();
            await Assertions.Expect(page.Locator("#test-detail table.requests tr")).Not.ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#test-detail")).ToContainTextAsync("/ws");
            await ReportBrowser.ScreenshotAsync(page, "report-green-test");
            Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        }
        finally
        {
            File.Delete(junit);
        }
    }

    [Fact]
    public async Task Run_SampleUnwiredPipeline_ReportShowsFailureWithRequestsAndServerLogLine()
    {
        var root = CliProcess.RepositoryRoot();

        var result = await CliProcess.RunAsync(root, Timeout, new Dictionary<string, string> { ["AGENTCHAT_FAULT"] = "unwired-pipeline" }, "run", "--focus", "p1", "--json");

        Assert.True(result.Stdout.TrimStart().StartsWith('{'), result.All);
        var run = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.True(run.GetProperty("verdict").GetString() == "RED", result.All);
        var report = Path.Combine(RunFolder(root, run), "report.html");
        await using var browser = await ReportBrowser.LaunchAsync();
        var page = await browser.OpenAsync(new Uri(report).AbsoluteUri);
        await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("RED — 25 tests");
        // A RED report opens on its failures.
        await Assertions.Expect(page.Locator("#outcome-filter")).ToHaveValueAsync("failing");
        var failing = page.Locator("#test-rows tr.status-failed");
        Assert.True(await failing.CountAsync() > 0);

        await page.Locator("#search").FillAsync("T003_WebSocketMessageSend");
        await page.Locator("#test-rows tr.status-failed").First.ClickAsync();

        var detail = page.Locator("#test-detail");
        await Assertions.Expect(detail.Locator("pre.message")).ToContainTextAsync("no agent_started");
        await Assertions.Expect(detail.Locator("table.requests")).ToContainTextAsync("/ws");
        await Assertions.Expect(detail.Locator("table.requests")).ToContainTextAsync("101");
        await Assertions.Expect(page.Locator("#root-causes q.log-line").First).ToContainTextAsync("no handler registered for message type START_AGENT");
        await Assertions.Expect(page.Locator("#root-causes")).ToContainTextAsync("Preceding deploy: backend");
        await ReportBrowser.ScreenshotAsync(page, "report-red");
        await detail.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ReportBrowser.ScreenshotDirectory, "report-red-viewport.png") });
        Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
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
