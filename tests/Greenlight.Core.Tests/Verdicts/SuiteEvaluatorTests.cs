using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Core.Tests.Verdicts;

public sealed class SuiteEvaluatorTests
{
    private static readonly SuiteConfig P2 = new() { Id = "p2-high", Priority = 2, Runner = "pytest", Path = "/t", MaxFailureRate = 0.05 };

    private static SuiteRunResult Result(int passed, int failed, int skipped = 0) => new()
    {
        SuiteId = "p2-high",
        CommandLine = "/usr/bin/python3 -m pytest",
        ExitCode = failed > 0 ? 1 : 0,
        Duration = TimeSpan.FromMilliseconds(1234.4),
        Cases =
        [
            .. Enumerable.Range(0, passed).Select(i => new TestCaseResult { Name = $"test_ok_{i}", ClassName = "tests.test_api", Outcome = TestOutcome.Passed, Duration = TimeSpan.FromMilliseconds(12) }),
            .. Enumerable.Range(0, failed).Select(i => new TestCaseResult { Name = $"test_bad_{i}", Outcome = TestOutcome.Failed, Message = "assert 503 == 200" }),
            .. Enumerable.Range(0, skipped).Select(i => new TestCaseResult { Name = $"test_skip_{i}", Outcome = TestOutcome.Skipped }),
        ],
    };

    [Theory]
    [InlineData(20, 0, 0, StageOutcome.Passed)]
    [InlineData(19, 1, 0, StageOutcome.Passed)]
    [InlineData(18, 2, 0, StageOutcome.Failed)]
    [InlineData(19, 0, 1, StageOutcome.Unproven)]
    [InlineData(0, 0, 0, StageOutcome.Unproven)]
    public void Evaluate_Counts_OutcomeAgainstCriterion(int passed, int failed, int skipped, StageOutcome expected)
    {
        var (suite, tests) = SuiteEvaluator.Evaluate(P2, Result(passed, failed, skipped));

        Assert.Equal(expected, suite.Outcome);
        Assert.Equal(passed + failed + skipped, suite.Total);
        Assert.Equal(passed + failed + skipped, tests.Count);
        Assert.Equal(1234, suite.DurationMs);
    }

    [Fact]
    public void Evaluate_SkippedCase_NotProvenWithReason()
    {
        var (_, tests) = SuiteEvaluator.Evaluate(P2, Result(1, 0, 1));

        Assert.True(tests[0].Proven);
        Assert.Equal("tests.test_api.test_ok_0", tests[0].Name);
        Assert.False(tests[1].Proven);
        Assert.Equal([ProofReason.Skipped], tests[1].Reasons);
    }

    [Fact]
    public void Evaluate_NoCases_ProblemRecorded()
    {
        var (suite, _) = SuiteEvaluator.Evaluate(P2, Result(0, 0));

        Assert.Equal(["no tests ran"], suite.Problems);
    }

    [Fact]
    public void PhaseEvaluate_OneSuiteFailed_PhaseFailed()
    {
        var (ok, _) = SuiteEvaluator.Evaluate(P2, Result(20, 0));
        var (bad, _) = SuiteEvaluator.Evaluate(P2 with { Id = "other" }, Result(5, 5));

        var phase = PhaseEvaluator.Evaluate("P2", [ok, bad]);

        Assert.Equal(StageOutcome.Failed, phase.Outcome);
        Assert.Equal(30, phase.Tests);
        Assert.Equal(5, phase.Failed);
    }
}
