using Greenlight.Core.Tests.Snapshots;
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
