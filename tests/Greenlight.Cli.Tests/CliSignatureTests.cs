using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// Signatures from traffic through the real CLI and the pytest runner: a small API with three bugs,
/// five failing tests that all say only <c>assert r.ok</c>. The proxy's records tell the bugs apart.
/// </summary>
public sealed class CliSignatureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Run_OneGenericAssertionThreeBugs_OneClusterPerFailingExchangeWithStatusAndErrorText()
    {
        var project = CliProcess.CopyProject("causes-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "run");

            Assert.True(result.ExitCode == 1, result.All);
            var folder = CliProcess.RunDirectory(project);
            var run = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "run.json"), TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal("RED", run.GetProperty("verdict").GetString());
            var clusters = run.GetProperty("clusters").EnumerateArray().ToList();
            Assert.Equal(
                ["GET /articles → 422 \"The tag field is required.\"", "GET /profiles/{id} → 500 \"Profile has no bio\"", "POST /comments → 400 \"comment body must not be empty\""],
                clusters.Select(c => c.GetProperty("title").GetString()).Order(StringComparer.Ordinal));
            Assert.All(clusters, c => Assert.Equal(["assert False"], c.GetProperty("messages").EnumerateArray().Select(m => m.GetString())));

            var articles = clusters.Single(c => c.GetProperty("title").GetString()!.StartsWith("GET /articles", StringComparison.Ordinal));
            Assert.Equal(["tests.test_blog.test_articles_feed_page", "tests.test_blog.test_articles_list"], Strings(articles, "tests").Order(StringComparer.Ordinal));
            Assert.Equal(
                ["api: GET /articles → 422 \"The tag field is required.\"", "api: GET /articles?limit=20 → 422 \"The tag field is required.\""],
                Strings(articles, "traffic_faults").Order(StringComparer.Ordinal));
            var profiles = clusters.Single(c => c.GetProperty("title").GetString()!.StartsWith("GET /profiles", StringComparison.Ordinal));
            Assert.Equal(2, profiles.GetProperty("count").GetInt32());
            Assert.Equal(
                ["api: GET /profiles/42 → 500 \"Profile has no bio\"", "api: GET /profiles/7 → 500 \"Profile has no bio\""],
                Strings(profiles, "traffic_faults").Order(StringComparer.Ordinal));
            var comments = clusters.Single(c => c.GetProperty("title").GetString()!.StartsWith("POST", StringComparison.Ordinal));
            Assert.Equal(["tests.test_blog.test_post_comment"], Strings(comments, "tests"));
            Assert.Equal(["api: POST /comments → 400 \"comment body must not be empty\""], Strings(comments, "traffic_faults"));

            var worklog = await File.ReadAllTextAsync(Path.Combine(folder, "worklog.md"), TestContext.Current.CancellationToken);
            Assert.Contains("5 failure(s) in 3 cluster(s)", worklog, StringComparison.Ordinal);
            Assert.Contains(". GET /articles → 422 \"The tag field is required.\"\n", worklog, StringComparison.Ordinal);
            Assert.Contains(". GET /profiles/{id} → 500 \"Profile has no bio\"\n", worklog, StringComparison.Ordinal);
            Assert.Contains(". POST /comments → 400 \"comment body must not be empty\"\n", worklog, StringComparison.Ordinal);
            Assert.Contains("  - `api: GET /profiles/7 → 500 \"Profile has no bio\"`", worklog, StringComparison.Ordinal);
            Assert.Contains("  - `api: POST /comments → 400 \"comment body must not be empty\"`", worklog, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static IEnumerable<string?> Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString());
}
