using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Runs.Testing;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Core.Tests.Runs;

public sealed class SuiteProverTests
{
    [Fact]
    public void Prove_TestWithAHistoryBaseline_CarriesItsMedianAndOthersNone()
    {
        var config = new SuiteConfig { Id = "api", Priority = 1, Runner = "pytest", Path = "/t" };
        var started = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
        var result = new SuiteRunResult
        {
            SuiteId = "api",
            CommandLine = "/usr/bin/python3 -m pytest",
            ExitCode = 0,
            Started = started,
            Duration = TimeSpan.FromSeconds(2),
            Cases =
            [
                new TestCaseResult { Name = "test_known", ClassName = "tests.test_api", Outcome = TestOutcome.Passed, Duration = TimeSpan.FromMilliseconds(40) },
                new TestCaseResult { Name = "test_new", ClassName = "tests.test_api", Outcome = TestOutcome.Passed, Duration = TimeSpan.FromMilliseconds(30) },
            ],
        };
        var (suite, tests) = SuiteEvaluator.Evaluate(config, result);
        var medians = new Dictionary<string, TimeSpan> { [result.Cases[0].FullName] = TimeSpan.FromMilliseconds(820.6) };

        var (_, judged) = SuiteProver.Prove(config, result, suite, tests, [], recorded: false, [], medians);

        Assert.Equal(820, judged.Single(t => t.Name.EndsWith("test_known", StringComparison.Ordinal)).HistoryMedianMs);
        Assert.Null(judged.Single(t => t.Name.EndsWith("test_new", StringComparison.Ordinal)).HistoryMedianMs);
    }
}
