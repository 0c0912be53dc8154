using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Reports;
using Greenlight.Secrets;
using Microsoft.Playwright;

namespace Greenlight.Cli.Tests;

/// <summary>report.html from a made-up record: hostile text stays text, secrets stay masked, and 10,000 tests make one page of rows.</summary>
public sealed class ReportHtmlTests
{
    private const string Secret = "report-canary-5f3e9a1c";
    private const string Hostile = "</script><script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";

    [Fact]
    public async Task Build_LastRunInItsFolder_ListedTestsGetTheLastIterationsDurations()
    {
        var runs = Directory.CreateTempSubdirectory("greenlight-report-previous-").FullName;
        try
        {
            TestRecord Test(string name, long ms) => new() { Suite = "api", Name = name, Outcome = TestOutcome.Passed, Proven = true, DurationMs = ms };
            var started = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            // The last run looped twice: its tests are those of iteration 2 (tests.jsonl holds both iterations).
            var before = new RunRecord
            {
                RunId = "20260101-000000-prev", Project = "p", ConfigPath = "greenlight.yaml", StartedAt = started, Verdict = Verdict.Green,
                Iterations =
                [
                    new IterationRecord { Number = 1, Tests = [Test("a", 900), Test("b", 900)] },
                    new IterationRecord { Number = 2, Tests = [Test("a", 120), Test("b", 130), Test("gone", 5)] },
                ],
                Tests = [Test("a", 120), Test("b", 130), Test("gone", 5)],
            };
            var previousFolder = Path.Combine(runs, before.RunId);
            Assert.Empty(await CompositeReporter.Default(new SecretRedactor()).WriteAsync(before, previousFolder, TestContext.Current.CancellationToken));
            var run = new RunRecord
            {
                RunId = "20260101-000100-next", Project = "p", ConfigPath = "greenlight.yaml", StartedAt = started.AddMinutes(1), Verdict = Verdict.Green,
                Tests = [Test("a", 100), Test("new", 7)],
                History = new HistoryRecord { Previous = new PreviousRunRecord(before.RunId, started, "GREEN", 3, 0, []) },
            };
            var folder = Path.Combine(runs, run.RunId);
            Directory.CreateDirectory(folder);

            var view = await ReportView.BuildAsync(run, folder, s => s, TestContext.Current.CancellationToken);

            using var json = System.Text.Json.JsonDocument.Parse(view.TestsJson);
            var previous = json.RootElement.EnumerateArray().ToDictionary(t => t.GetProperty("n").GetString()!, t => t.TryGetProperty("pd", out var pd) && pd.ValueKind == System.Text.Json.JsonValueKind.Number ? pd.GetInt64() : (long?)null);
            Assert.Equal(new Dictionary<string, long?> { ["a"] = 120, ["new"] = null }, previous);
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    [Fact]
    public async Task Write_HostileNamesSecretsAndTenThousandTests_EscapedMaskedAndPaged()
    {
        var folder = Directory.CreateTempSubdirectory("greenlight-report-html-").FullName;
        try
        {
            var redactor = new SecretRedactor();
            redactor.Add(Secret);
            var tests = Enumerable.Range(0, 10_000).Select(i => new TestRecord
            {
                Suite = "big",
                Name = i == 1007 ? "Big.Test_" + Hostile : $"Big.Test{i:00000}",
                Outcome = i % 1000 == 7 ? TestOutcome.Failed : TestOutcome.Passed,
                Proven = i % 1000 != 7,
                DurationMs = i % 300,
                Message = i % 1000 == 7 ? $"token {Secret} refused: {Hostile}" : null,
                StackTrace = i % 1000 == 7 ? "   at Big.Tests.Run() in /src/Big.cs:line 7" : null,
            }).ToList();
            var run = new RunRecord
            {
                RunId = "20260101-000000-html",
                Project = "html",
                ConfigPath = "greenlight.yaml",
                StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Verdict = Verdict.Red,
                Reasons = [$"10 of 10000 tests failed ({Hostile})"],
                Suites = [new SuiteRecord { Id = "big", Priority = "P1", Runner = "dotnet", Total = tests.Count, Outcome = StageOutcome.Failed }],
                Tests = tests,
            };
            File.WriteAllText(Path.Combine(folder, "traffic.jsonl"),
                $$"""{"started":"2026-01-01T00:00:01+00:00","latency_ms":2,"service":"api","method":"GET","path":"/items?key={{Secret}}","status":500,"test":"Big.Test00007"}""" + "\n");

            var failures = await new CompositeReporter(redactor, [new HtmlReportReporter(redactor)]).WriteAsync(run, folder, TestContext.Current.CancellationToken);

            Assert.Empty(failures);
            var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), TestContext.Current.CancellationToken);
            Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"test-row", html, StringComparison.Ordinal); // rows are made in the browser, a page at a time

            await using var browser = await ReportBrowser.LaunchAsync();
            var page = await browser.OpenAsync(new Uri(Path.Combine(folder, "report.html")).AbsoluteUri);
            await Assertions.Expect(page.Locator("#match-count")).ToHaveTextAsync("10 of 10000 tests");
            await page.Locator("#outcome-filter").SelectOptionAsync("all");
            await Assertions.Expect(page.Locator("#page-info")).ToHaveTextAsync("page 1 of 200");
            Assert.Equal(50, await page.Locator("#test-rows tr").CountAsync());
            await page.Locator("#search").FillAsync("Test_</script>");
            await page.Locator("#test-rows tr.test-row").First.ClickAsync();
            await Assertions.Expect(page.Locator("#test-detail pre.message")).ToContainTextAsync("<img src=x");
            await page.Locator("#search").FillAsync("Test00007");
            await page.Locator("#test-rows tr.test-row").First.ClickAsync();
            await Assertions.Expect(page.Locator("#test-detail table.requests")).ToContainTextAsync("/items?key=***");
            Assert.Null(await page.EvaluateAsync<int?>("window.__pwned"));
            await ReportBrowser.ScreenshotAsync(page, "report-10k-hostile");
            Assert.True(browser.Errors.Count == 0, string.Join("\n", browser.Errors));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    [Fact]
    public async Task Write_MoreTestsThanThePageLists_ListsFailingThenDoubtedThenSkippedThenPassedAndSaysHowMany()
    {
        var folder = Directory.CreateTempSubdirectory("greenlight-report-html-").FullName;
        try
        {
            var total = ReportView.MaxListedTests + 5_000;
            // Counted here, independently of the page: 200 failing, 200 doubted, 200 skipped, the rest proven passes.
            var tests = Enumerable.Range(0, total).Select(i => new TestRecord
            {
                Suite = "big",
                Name = $"Big.Test{i:000000}",
                Outcome = i % 100 == 1 && i < 20_000 ? TestOutcome.Failed : i % 100 == 2 && i < 20_000 ? TestOutcome.Skipped : TestOutcome.Passed,
                Proven = !(i % 100 == 1 && i < 20_000) && !(i % 100 == 3 && i < 20_000),
                Reasons = i % 100 == 3 && i < 20_000 ? [ProofReason.ZeroDuration] : [],
            }).ToList();
            var run = new RunRecord
            {
                RunId = "20260101-000000-many",
                Project = "many",
                ConfigPath = "greenlight.yaml",
                StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Verdict = Verdict.Red,
                Suites = [new SuiteRecord { Id = "big", Priority = "P1", Runner = "command", Total = tests.Count, Outcome = StageOutcome.Failed }],
                Tests = tests,
            };

            var listed = ReportView.Listed(tests);

            Assert.Equal(ReportView.MaxListedTests, listed.Count);
            Assert.All(listed.Take(200), t => Assert.Equal(TestOutcome.Failed, t.Outcome));
            Assert.All(listed.Skip(200).Take(200), t => Assert.Equal([ProofReason.ZeroDuration], t.Reasons));
            Assert.All(listed.Skip(400).Take(200), t => Assert.Equal(TestOutcome.Skipped, t.Outcome));
            Assert.All(listed.Skip(600), t => Assert.True(t.Proven && t.Outcome == TestOutcome.Passed));
            Assert.Equal(listed.Count, listed.Distinct().Count());

            var failures = await new CompositeReporter(new SecretRedactor(), [new HtmlReportReporter(new SecretRedactor())]).WriteAsync(run, folder, TestContext.Current.CancellationToken);

            Assert.Empty(failures);
            var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), TestContext.Current.CancellationToken);
            Assert.Contains("This page lists 20,000 of 25,000 tests", html, StringComparison.Ordinal);
            Assert.Contains("Big.Test000001", html, StringComparison.Ordinal); // failing: listed
            Assert.DoesNotContain("Big.Test024999", html, StringComparison.Ordinal); // a proven pass past the cap: only in tests.jsonl
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
