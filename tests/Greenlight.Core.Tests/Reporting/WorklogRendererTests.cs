using Greenlight.Core.Tests.Snapshots;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Secrets;

namespace Greenlight.Core.Tests.Reporting;

public sealed class WorklogRendererTests
{
    [Fact]
    public void Render_GreenRun_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(SampleRuns.Green()), "md");

    [Fact]
    public void Render_RedRunStoppedByFailFast_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(SampleRuns.RedWithFailFast()), "md");

    [Fact]
    public void Render_UnprovenFake_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(SampleRuns.UnprovenFake()), "md");

    [Fact]
    public void Render_BlockedRun_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(SampleRuns.Blocked()), "md");

    [Fact]
    public void Render_RunWithTimeline_EachStepWithItsOffsetAndTheTimeSinceTheStepBefore()
    {
        var green = SampleRuns.Green();
        var start = green.StartedAt;
        var run = green with
        {
            EndedAt = start.AddSeconds(16),
            Timeline =
            [
                new TrailStep(start.AddMilliseconds(20), "deploy", "api", "starting api", null),
                new TrailStep(start.AddMilliseconds(670), "deploy", "api", "api ready at http://127.0.0.1:1/", true),
                new TrailStep(start.AddMilliseconds(14_865), "test", "orders", "orders: 9 passed, 1 failed", false),
            ],
        };

        var worklog = WorklogRenderer.Render(run);

        Assert.Contains("## Timeline", worklog, StringComparison.Ordinal);
        Assert.Contains("| +0.020 | +0.020 | deploy | starting api |", worklog, StringComparison.Ordinal);
        Assert.Contains("| +0.670 | +0.650 | deploy | api ready at http://127.0.0.1:1/ ✓ |", worklog, StringComparison.Ordinal);
        Assert.Contains("| +14.865 | +14.195 | test | orders: 9 passed, 1 failed ✗ |", worklog, StringComparison.Ordinal);
        Assert.Contains("Then +1.135 s to the run's end.", worklog, StringComparison.Ordinal);
        Assert.True(worklog.IndexOf("## Timeline", StringComparison.Ordinal) < worklog.IndexOf("## Verdict", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RunWithoutTimeline_HasNoTimelineSection() =>
        Assert.DoesNotContain("## Timeline", WorklogRenderer.Render(SampleRuns.Green()), StringComparison.Ordinal);

    [Fact]
    public void Render_InterruptedRun_MarkedInterrupted()
    {
        var run = SampleRuns.WithVerdict(SampleRuns.Green() with { Interrupted = true });

        var worklog = WorklogRenderer.Render(run);

        Assert.Contains("**Interrupted:** the run was stopped", worklog, StringComparison.Ordinal);
        Assert.Contains("## Verdict: UNPROVEN", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PipeInTestMessage_EscapedInsideTableAndList()
    {
        var worklog = WorklogRenderer.Render(SampleRuns.RedWithFailFast());

        Assert.Contains("expected seq 3 | got 5", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain("at Ordering.cs:42", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public void RunJson_GreenRun_MatchesSnapshot() => Snapshot.Match(RunJson.Serialize(SampleRuns.Green(), SecretRedactor.None), "json");

    [Fact]
    public async Task RunJson_RoundTrip_RendersTheSameWorklog()
    {
        var run = SampleRuns.Blocked();

        var back = await RunFiles.RoundTripAsync(run);

        Assert.Equal(WorklogRenderer.Render(run), WorklogRenderer.Render(back));
    }

    [Fact]
    public void RunJson_RegisteredSecretInDetail_Redacted()
    {
        var redactor = new SecretRedactor();
        redactor.Add("dev-jwt-key-0123456789");
        var run = SampleRuns.Green() with { Commands = [SampleRuns.Green().Commands[0] with { CommandLine = "run --key dev-jwt-key-0123456789" }] };

        var json = RunJson.Serialize(run, redactor);

        Assert.DoesNotContain("dev-jwt-key-0123456789", json, StringComparison.Ordinal);
        Assert.Contains("run --key ***", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(999, "999 ms")]
    [InlineData(1234, "1.23 s")]
    [InlineData(83_000, "1 m 23 s")]
    public void FormatDuration_Ms_ReadsNaturally(long ms, string expected) => Assert.Equal(expected, Format.Duration(ms));
}
