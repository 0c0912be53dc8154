using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Greenlight.Cli.Tests;

/// <summary>
/// <c>greenlight serve</c> over a real history (three runs of a small project), opened in chromium:
/// the runs list, a trend with one point per run, a run's report, and the live page of a fourth run
/// gaining tests while it runs.
/// </summary>
public sealed class ServeDashboardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Serve_HistoryOfThreeRunsAndARunningOne_ListTrendsReportAndLivePage()
    {
        var project = CliProcess.CopyProject("plain-junit-project");
        Process? server = null;
        try
        {
            // Three phases, each a suite that waits GL_SLEEP seconds before checking: instant for the history, slow for the live run.
            var suites = string.Join("", new[] { "P1", "P2", "P3" }.Select(p => $"""

                  - id: checks-{p.ToLowerInvariant()}
                    priority: {p}
                    runner: command
                    command: 'sleep ${"{"}env:GL_SLEEP:-0{"}"}; /usr/bin/python3 check.py'
                    results: out/junit.xml
                    services: [api]
                    timeout: 1m
                """));
            var yaml = File.ReadAllText(Path.Combine(project, "greenlight.yaml"));
            var at = yaml.IndexOf("suites:", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(project, "greenlight.yaml"), yaml[..at] + "suites:" + suites + "\n");
            for (var i = 0; i < 3; i++)
            {
                var result = await CliProcess.RunAsync(project, Timeout, "run", "--no-fail-fast");
                Assert.True(result.ExitCode is 0 or 3, result.All);
            }

            // A run's report can be written again (a run from before report.html existed).
            var first = Directory.GetDirectories(Path.Combine(project, ".greenlight", "runs")).Order(StringComparer.Ordinal).First();
            File.Delete(Path.Combine(first, "report.html"));
            var again = await CliProcess.RunAsync(project, Timeout, "report", Path.GetFileName(first), "--format", "html");
            Assert.True(again.ExitCode == 0, again.All);
            Assert.Equal(Path.Combine(first, "report.html"), again.Stdout.Trim());
            Assert.True(File.Exists(Path.Combine(first, "report.html")));

            var port = FreePort();
            server = StartServe(project, port);
            var url = $"http://127.0.0.1:{port}/";
            await WaitForAsync(url);

            await using var browser = await ReportBrowser.LaunchAsync();
            var page = await browser.OpenAsync(url);
            await Assertions.Expect(page.Locator("#runs tr.run-row")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#trend-rates g.series[data-series='pass rate'] circle.point")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("#trend-duration circle.point")).ToHaveCountAsync(3);
            await ReportBrowser.ScreenshotAsync(page, "serve-dashboard");

            await page.Locator("#runs a.report-link").First.ClickAsync();
            await Assertions.Expect(page.Locator("#verdict")).ToContainTextAsync("6 tests");

            // A fourth run, slow enough to watch: its live page gains tests phase by phase.
            var running = CliProcess.RunAsync(project, Timeout, new Dictionary<string, string> { ["GL_SLEEP"] = "3" }, "run", "--no-fail-fast");
            var runs = Path.Combine(project, ".greenlight", "runs");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            do
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
                await page.GotoAsync(url);
            }
            while (await page.Locator("#runs a.live-link").CountAsync() == 0 && DateTime.UtcNow < deadline);

            await Assertions.Expect(page.Locator("#runs a.live-link")).ToHaveCountAsync(1);
            await page.Locator("#runs a.live-link").ClickAsync();
            await Assertions.Expect(page.Locator("#live-tests")).ToHaveTextAsync("2", new() { Timeout = 60_000 });
            await ReportBrowser.ScreenshotAsync(page, "serve-live-running");
            await Assertions.Expect(page.Locator("#live-tests")).ToHaveTextAsync("6", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#live-report")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await ReportBrowser.ScreenshotAsync(page, "serve-live-done");
            var finished = await running;
            Assert.True(finished.ExitCode is 0 or 3, finished.All);
            Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        }
        finally
        {
            if (server is not null)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
                server.Dispose();
            }

            Directory.Delete(project, recursive: true);
        }
    }

    private static Process StartServe(string project, int port)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "greenlight.dll"));
        foreach (var arg in (string[])["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(string url)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"greenlight serve did not answer at {url}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
