using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Stages;

namespace Greenlight.Verdicts;

/// <summary>Turns what a runner reported into the suite's record, its tests and its outcome against <c>pass:</c>.</summary>
public static class SuiteEvaluator
{
    public static (SuiteRecord Suite, IReadOnlyList<TestRecord> Tests) Evaluate(SuiteConfig config, SuiteRunResult result)
    {
        var cases = result.Cases;
        var failed = cases.Count(c => c.Outcome == TestOutcome.Failed);
        var errors = cases.Count(c => c.Outcome == TestOutcome.Error);
        var skipped = cases.Count(c => c.Outcome == TestOutcome.Skipped);
        var problems = result.Problems.ToList();
        if (cases.Count == 0 && !problems.Any(p => p.Contains("no test", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("no tests ran");
        }

        var suite = new SuiteRecord
        {
            Id = config.Id,
            Priority = config.PriorityLabel,
            Category = config.Category,
            Impact = config.Impact,
            Runner = config.Runner,
            MaxFailureRate = config.MaxFailureRate,
            Command = result.CommandLine,
            ExitCode = result.ExitCode,
            TimedOut = result.TimedOut,
            CollectionFailed = result.CollectionFailed,
            StartedAt = result.Started,
            DurationMs = Ms(result.Duration),
            Total = cases.Count,
            Passed = cases.Count(c => c.Outcome == TestOutcome.Passed),
            Failed = failed,
            Errors = errors,
            Skipped = skipped,
            Problems = problems,
            Output = result.OutputPath,
            ResultFiles = result.ResultFiles,
        };
        suite = suite with { Outcome = Outcome(suite) };
        // Made as they are read: the proof makes each test's final record from this one, so a million of these are never held at once.
        return (suite, new Projected(cases, c => new TestRecord
        {
            Suite = config.Id,
            Name = c.FullName,
            Outcome = c.Outcome,
            DurationMs = Ms(c.Duration),
            Proven = c.Outcome != TestOutcome.Skipped,
            Reasons = c.Outcome == TestOutcome.Skipped ? Skipped : [],
            Message = c.Message,
            StackTrace = c.Outcome is TestOutcome.Failed or TestOutcome.Error ? c.StackTrace : null,
            StartedAt = c.Started,
        }));
    }

    /// <summary>A suite that was selected but never ran (fail-fast, interruption, deployment blocked).</summary>
    public static SuiteRecord NotRun(SuiteConfig config, string why) => new()
    {
        Id = config.Id,
        Priority = config.PriorityLabel,
        Category = config.Category,
        Impact = config.Impact,
        Runner = config.Runner,
        MaxFailureRate = config.MaxFailureRate,
        Outcome = StageOutcome.NotRun,
        Problems = [why],
    };

    public static double FailureRate(SuiteRecord suite) =>
        suite.Total == 0 ? 0 : (double)(suite.Failed + suite.Errors) / suite.Total;

    /// <summary>The suite's outcome from its counts and problems (also for a suite merged from shards).</summary>
    public static StageOutcome Outcome(SuiteRecord suite)
    {
        if (suite.TimedOut || FailureRate(suite) > suite.MaxFailureRate)
        {
            return StageOutcome.Failed;
        }

        var doubtful = suite.Problems.Count > 0 || suite.CollectionFailed || suite.Total == 0 || suite.Skipped > 0;
        return doubtful ? StageOutcome.Unproven : StageOutcome.Passed;
    }

    private static readonly IReadOnlyList<string> Skipped = [ProofReason.Skipped];

    /// <summary>The cases seen as test records, each made when it is read.</summary>
    private sealed class Projected(IReadOnlyList<TestCaseResult> cases, Func<TestCaseResult, TestRecord> project) : IReadOnlyList<TestRecord>
    {
        public int Count => cases.Count;

        public TestRecord this[int index] => project(cases[index]);

        public IEnumerator<TestRecord> GetEnumerator() => cases.Select(project).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    internal static long Ms(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds);
}
