using Greenlight.Model;

namespace Greenlight.Core.Tests;

public sealed class ModelTests
{
    [Fact]
    public void FullName_WithClassName_JoinsWithDot()
    {
        var result = new TestCaseResult { Name = "T001", ClassName = "Suite.P1", Outcome = TestOutcome.Passed };
        Assert.Equal("Suite.P1.T001", result.FullName);
    }

    [Fact]
    public void FullName_ChangedWithWith_FollowsTheNewNameAndClass()
    {
        var result = new TestCaseResult { ClassName = "Suite.P1", Name = "T001", Outcome = TestOutcome.Passed };

        Assert.Equal("Suite.P1.T001 [2]", (result with { Name = "T001 [2]" }).FullName);
        Assert.Equal("Other.T001", (result with { ClassName = "Other" }).FullName);
        Assert.Equal("T001", (result with { ClassName = "" }).FullName);
        Assert.Equal(result, result with { });
    }

    [Fact]
    public void Verdict_ExitCodes_MatchDesign()
    {
        Assert.Equal(3, (int)Verdict.Unproven);
        Assert.Equal(4, (int)Verdict.Blocked);
    }
    [Fact]
    public void TestCaseResult_NameAndRarelySetFields_ReadBackInAnyOrderAndThroughWith()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var traits = new Dictionary<string, string> { ["Category"] = "slow" };
        var result = new TestCaseResult { ClassName = "a.b", Name = "c.d", Outcome = TestOutcome.Failed, Started = at, Output = "out", Traits = traits };
        var plain = new TestCaseResult { Name = "n", Outcome = TestOutcome.Passed };

        Assert.Equal(("a.b", "c.d", "a.b.c.d"), (result.ClassName, result.Name, result.FullName));
        Assert.Equal((at, (DateTimeOffset?)null, "out", "slow"), (result.Started, result.Ended, result.Output, result.Traits["Category"]));
        var changed = result with { Ended = at.AddSeconds(1), Output = null, Name = "e" };
        Assert.Equal(("a.b.e", at, at.AddSeconds(1), (string?)null, "slow"), (changed.FullName, changed.Started, changed.Ended, changed.Output, changed.Traits["Category"]));
        Assert.Equal("out", result.Output); // the original is unchanged
        Assert.Equal(("n", "", 0), (plain.Name, plain.ClassName, plain.Traits.Count));
        Assert.Null(plain.Started);
        Assert.Equal(plain, new TestCaseResult { Name = "n", Outcome = TestOutcome.Passed, Traits = new Dictionary<string, string>(), Output = null });
        Assert.NotEqual(plain, plain with { Output = "x" });
    }

    [Fact]
    public void TestRecord_RarelySetFields_SurviveJsonAndWithAndCompareByValue()
    {
        var record = new TestRecord
        {
            Suite = "s", Name = "C.t", Outcome = TestOutcome.Passed, DurationMs = 5, Proven = false, Reasons = ["flaky"],
            Message = "m", StackTrace = "st", StartedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            HistoryMedianMs = 7, Attempts = 2, Flaky = true, FlipRate = 0.5,
        };
        var plain = new TestRecord { Suite = "s", Name = "C.u", Outcome = TestOutcome.Passed };

        var json = System.Text.Json.JsonSerializer.Serialize(record, Greenlight.Reporting.RunJson.LineOptions);
        var back = System.Text.Json.JsonSerializer.Deserialize<TestRecord>(json, Greenlight.Reporting.RunJson.LineOptions)!;

        Assert.Contains("\"message\":\"m\",\"stack_trace\":\"st\",\"started_at\":\"2026-01-01T00:00:00+00:00\",\"history_median_ms\":7,\"attempts\":2,\"flaky\":true,\"flip_rate\":0.5", json, StringComparison.Ordinal);
        Assert.Equal((record.Message, record.StackTrace, record.StartedAt, record.HistoryMedianMs, record.Attempts, record.Flaky, record.FlipRate),
            (back.Message, back.StackTrace, back.StartedAt, back.HistoryMedianMs, back.Attempts, back.Flaky, back.FlipRate));
        Assert.Equal((1, false, (string?)null, (long?)null), (plain.Attempts, plain.Flaky, plain.Message, plain.HistoryMedianMs));
        Assert.Equal(plain, plain with { Attempts = 1, Message = null });
        Assert.NotEqual(plain, plain with { Attempts = 2 });
        Assert.Equal((2, "m"), ((record with { Message = "m2" }).Attempts, record.Message));
    }
}
