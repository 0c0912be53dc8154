using Microsoft.Extensions.Time.Testing;

namespace Greenlight.Tracking.Tests;

public sealed class FolderTrackerTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "greenlight-tracking-" + Guid.NewGuid().ToString("N")[..12], "issues");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static TrackingReport Report(string runId, string verdict, int iteration = 1) => new()
    {
        Project = "agentchat",
        RunId = runId,
        Verdict = verdict,
        Iteration = iteration,
        ImpactAtRisk = verdict == "GREEN" ? null : "$120K MRR",
        ClustersMarkdown = "### startup crash\n- `IndentationError: unexpected indent (data_helper_agent.py, line 74)`",
        ComparisonMarkdown = "| iteration | passed | failed |\n|---|---|---|\n| 1 | 0 | 25 |",
        WorklogPath = ".greenlight/runs/" + runId + "/worklog.md",
    };

    [Fact]
    public async Task PublishAsync_RedThenNextIteration_OneOpenFileUpdated()
    {
        var ct = Timeout();
        var tracker = new FolderTracker(_folder, _time);
        await tracker.PublishAsync(Report("run-a", "RED"), ct);
        _time.Advance(TimeSpan.FromMinutes(7));

        var result = await tracker.PublishAsync(Report("run-a", "BLOCKED", iteration: 2), ct);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(Path.Combine(_folder, "run-a.md"), result.Location);
        var lines = await File.ReadAllLinesAsync(result.Location!, ct);
        Assert.Equal("<!-- status: open -->", lines[0]);
        Assert.Equal("# [greenlight] agentchat: BLOCKED (run run-a)", lines[1]);
        Assert.Contains("**Updated:** 2026-11-23 10:22:00 UTC", lines);
        Assert.Contains("- `IndentationError: unexpected indent (data_helper_agent.py, line 74)`", lines);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task PublishAsync_LaterRunGreen_ClosesOpenFilesAndWritesNoNewOne()
    {
        var ct = Timeout();
        var tracker = new FolderTracker(_folder, _time);
        await tracker.PublishAsync(Report("run-a", "RED"), ct);
        await tracker.PublishAsync(Report("run-b", "UNPROVEN"), ct);

        var result = await tracker.PublishAsync(Report("run-c", "GREEN"), ct);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Null(result.Location);
        Assert.Equal([Path.Combine(_folder, "run-a.md"), Path.Combine(_folder, "run-b.md")], result.Closed);
        var text = await File.ReadAllTextAsync(Path.Combine(_folder, "run-a.md"), ct);
        Assert.StartsWith("<!-- status: closed -->", text, StringComparison.Ordinal);
        Assert.EndsWith("**Closed by Greenlight: run run-c of agentchat was GREEN at 2026-11-23 10:15:00 UTC.**" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
        Assert.Empty((await tracker.PublishAsync(Report("run-d", "GREEN"), ct)).Closed);
    }
}
