using Greenlight.Model;
using Greenlight.Reporting;

namespace Greenlight.Core.Tests.Reporting;

/// <summary>Above 500 tests the worklog lists failures, doubted passes and the slowest tests, and counts the other passes per suite.</summary>
public sealed class WorklogLargeRunTests
{
    private static RunRecord Run(int passes)
    {
        var tests = Enumerable.Range(0, passes)
            .Select(i => new TestRecord { Suite = "p1-critical", Name = $"pass_{i:D4}", Outcome = TestOutcome.Passed, Proven = true, DurationMs = i % 250 })
            .Concat(
            [
                new TestRecord { Suite = "p1-critical", Name = "slow_one", Outcome = TestOutcome.Passed, Proven = true, DurationMs = 9000 },
                new TestRecord { Suite = "p1-critical", Name = "broken", Outcome = TestOutcome.Failed, Message = "expected 200, got 500", DurationMs = 5 },
                new TestRecord { Suite = "p1-critical", Name = "doubted", Outcome = TestOutcome.Passed, Reasons = [ProofReason.NoTraffic], DurationMs = 7 },
                new TestRecord { Suite = "p1-critical", Name = "skipped_one", Outcome = TestOutcome.Skipped, Reasons = [ProofReason.Skipped] },
            ]).ToList();
        return SampleRuns.Base() with
        {
            Phases = [new PhaseRecord { Priority = "P1", Suites = ["p1-critical"], Outcome = StageOutcome.Failed, Tests = tests.Count, Failed = 1 }],
            Suites = [SampleRuns.Suite("p1-critical", 1, passed: passes + 2, failed: 1, skipped: 1) with { Outcome = StageOutcome.Failed }],
            Tests = tests,
        };
    }

    [Fact]
    public void Render_600Tests_FailuresDoubtedAndSlowestListedOtherPassesCounted()
    {
        var worklog = WorklogRenderer.Render(Run(596));

        Assert.Contains("- ❌ `broken` (5 ms): expected 200, got 500", worklog, StringComparison.Ordinal);
        Assert.Contains("- ❓ `doubted` (7 ms) [no-traffic]", worklog, StringComparison.Ordinal);
        Assert.Contains("- Slowest 10:", worklog, StringComparison.Ordinal);
        Assert.Contains("  - ✅ `slow_one` (9.0 s)", worklog, StringComparison.Ordinal);
        // pass_0249, pass_0499 are the slowest of the rest (249 ms each), then 248 ms.
        Assert.Contains("  - ✅ `pass_0249` (249 ms)", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain("`pass_0001`", worklog, StringComparison.Ordinal);
        Assert.Contains("- ✅ 597 proven pass(es) and ⏭️ 1 skipped test(s) not listed one by one (the run has more than 500 tests): every test is in `tests.jsonl`", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_500Tests_EveryTestListed()
    {
        var worklog = WorklogRenderer.Render(Run(496));

        Assert.Contains("- ✅ `pass_0001` (1 ms)", worklog, StringComparison.Ordinal);
        Assert.Contains("- ⏭️ `skipped_one`", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain("Slowest", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain("tests.jsonl", worklog, StringComparison.Ordinal);
    }
}
