using Greenlight.Core.Tests.Snapshots;
using Greenlight.Reporting;

namespace Greenlight.Core.Tests.Reporting;

public sealed class WorklogLoopTests
{
    [Fact]
    public void Render_RedThenGreenLoop_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(SampleLoopRuns.RedThenGreen()), "md");

    [Fact]
    public void Render_GateFailedThenRolledBack_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(SampleLoopRuns.GateFailedThenRolledBack()), "md");

    [Fact]
    public void Render_RedThenGreenLoop_ComparisonShowsTheFix()
    {
        var worklog = WorklogRenderer.Render(SampleLoopRuns.RedThenGreen());

        Assert.Contains("### Comparison: iteration 1 → 2", worklog, StringComparison.Ordinal);
        Assert.Contains("| p1-critical / AgentChat.E2E.High.Test001_message_ordering | failed | — | not run |", worklog, StringComparison.Ordinal);
        Assert.Contains("`sample/AgentChat.E2E/OrderingTests.cs:12: added-skip: [Fact(Skip = \"flaky\")]`", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SingleRunWithoutIterations_HasNoLoopSection() =>
        Assert.DoesNotContain("## Loop", WorklogRenderer.Render(SampleRuns.Green()), StringComparison.Ordinal);
}
