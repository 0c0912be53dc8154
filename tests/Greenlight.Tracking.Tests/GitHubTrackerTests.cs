using Greenlight.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace Greenlight.Tracking.Tests;

/// <summary>GitHubTracker against <see cref="LocalGitHubServer"/>, a real local HTTP server standing in for the GitHub API.</summary>
public sealed class GitHubTrackerTests
{
    private const string Token = "ghp_TestTokenValue1234567890";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private GitHubTracker Tracker(LocalGitHubServer server, string token = Token, SecretRedactor? redactor = null) => new(
        new GitHubTrackingOptions { Repository = "acme/agentchat", TokenEnvironmentVariable = "GL_TEST_GITHUB_TOKEN", Labels = ["e2e", "staging"], ApiUrl = server.BaseUrl },
        _time,
        redactor ?? new SecretRedactor(),
        name => name == "GL_TEST_GITHUB_TOKEN" ? token : null);

    private static TrackingReport Red(string runId, int iteration = 1) => new()
    {
        Project = "agentchat",
        RunId = runId,
        Verdict = "RED",
        Iteration = iteration,
        ImpactAtRisk = "$120K MRR (P1 critical)",
        ClustersMarkdown = "### 1011 on /ws (3 tests)\n- backend.log: `ValueError: Invalid user_id format: pending_auth`",
        ComparisonMarkdown = "| iteration | passed | failed |\n|---|---|---|\n| 1 | 22 | 3 |",
    };

    [Fact]
    public async Task PublishAsync_RedRun_OpensOneIssueWithVerdictImpactClustersAndLabels()
    {
        var ct = Timeout();
        await using var server = await LocalGitHubServer.StartAsync(Token, ct);

        var result = await Tracker(server).PublishAsync(Red("20261123-1015"), ct);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("https://github.example.invalid/acme/agentchat/issues/1", result.Location);
        var create = Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.Equal("/api/v3/repos/acme/agentchat/issues", create.PathAndQuery);
        Assert.Equal("[greenlight] agentchat: RED (run 20261123-1015)", (string?)create.Body!["title"]);
        Assert.Equal(["greenlight", "e2e", "staging"], create.Body["labels"]!.AsArray().Select(l => (string)l!));
        var body = (string)create.Body["body"]!;
        Assert.Contains("<!-- greenlight-run: 20261123-1015 -->", body, StringComparison.Ordinal);
        Assert.Contains("**Impact at risk:** $120K MRR (P1 critical)", body, StringComparison.Ordinal);
        Assert.Contains("## Failure clusters\n\n### 1011 on /ws (3 tests)", body.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("| 1 | 22 | 3 |", body, StringComparison.Ordinal);
        Assert.All(server.Requests, r => Assert.EndsWith(" " + Token, r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_SameRunNextIteration_UpdatesTheSameIssue()
    {
        var ct = Timeout();
        await using var server = await LocalGitHubServer.StartAsync(Token, ct);
        var tracker = Tracker(server);
        await tracker.PublishAsync(Red("run-a"), ct);

        var result = await tracker.PublishAsync(Red("run-a", iteration: 2) with { Verdict = "UNPROVEN" }, ct);

        Assert.True(result.Succeeded, result.Failure);
        var issue = Assert.Single(server.Issues);
        Assert.Equal("[greenlight] agentchat: UNPROVEN (run run-a)", (string?)issue["title"]);
        Assert.Contains("after iteration 2", (string?)issue["body"], StringComparison.Ordinal);
        Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.Equal("/api/v3/repos/acme/agentchat/issues/1", Assert.Single(server.Requests, r => r.Method == "PATCH").PathAndQuery);
    }

    [Fact]
    public async Task PublishAsync_LaterRunGreen_ClosesOpenTrackingIssuesOnly()
    {
        var ct = Timeout();
        await using var server = await LocalGitHubServer.StartAsync(Token, ct);
        server.Seed("Flaky dashboard", "filed by a person", "open", "greenlight");
        var tracker = Tracker(server);
        await tracker.PublishAsync(Red("run-a"), ct);

        var result = await tracker.PublishAsync(Red("run-b") with { Verdict = "GREEN", ImpactAtRisk = null }, ct);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(["https://github.example.invalid/acme/agentchat/issues/2"], result.Closed);
        Assert.Equal(["open", "closed"], server.Issues.Select(i => (string?)i["state"]));
        var comment = Assert.Single(server.Requests, r => r.PathAndQuery.EndsWith("/comments", StringComparison.Ordinal));
        Assert.Equal("/api/v3/repos/acme/agentchat/issues/2/comments", comment.PathAndQuery);
        Assert.Equal("Closed by Greenlight: run run-b of agentchat was GREEN at 2026-11-23 10:15:00 UTC.", (string?)comment.Body!["body"]);
        Assert.Equal("completed", (string?)server.Issues[1]["state_reason"]);
        Assert.Equal(2, server.Issues.Count);
    }

    [Fact]
    public async Task PublishAsync_TokenVariableUnset_FailureValueAndNoRequest()
    {
        var ct = Timeout();
        await using var server = await LocalGitHubServer.StartAsync(Token, ct);

        var result = await Tracker(server, token: "").PublishAsync(Red("run-a"), ct);

        Assert.False(result.Succeeded);
        Assert.Equal("environment variable GL_TEST_GITHUB_TOKEN (tracking.github.token_env) is not set", result.Failure);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task PublishAsync_BadCredentials_FailureValueNeverShowsToken()
    {
        var ct = Timeout();
        await using var server = await LocalGitHubServer.StartAsync(Token, ct);
        const string wrong = "ghp_WrongTokenValue0987654321";

        var result = await Tracker(server, token: wrong).PublishAsync(Red("run-a"), ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith("GitHub answered 401: Bad credentials", result.Failure, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Failure, StringComparison.Ordinal);
        Assert.Empty(server.Issues);
    }
}
