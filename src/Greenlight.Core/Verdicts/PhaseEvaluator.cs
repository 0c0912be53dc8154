using Greenlight.Model;

namespace Greenlight.Verdicts;

/// <summary>A phase passes when every suite in it is within its <c>max_failure_rate</c>; fail-fast stops at the first that is not.</summary>
public static class PhaseEvaluator
{
    public static PhaseRecord Evaluate(string priority, IReadOnlyList<SuiteRecord> suites)
    {
        var tests = suites.Sum(s => s.Total);
        var failed = suites.Sum(s => s.Failed + s.Errors);
        var outcome = suites.All(s => s.Outcome == StageOutcome.NotRun) ? StageOutcome.NotRun
            : suites.Any(s => s.Outcome == StageOutcome.Failed) ? StageOutcome.Failed
            : suites.Any(s => s.Outcome is StageOutcome.Unproven or StageOutcome.NotRun) ? StageOutcome.Unproven
            : StageOutcome.Passed;
        return new PhaseRecord
        {
            Priority = priority,
            Suites = [.. suites.Select(s => s.Id)],
            Outcome = outcome,
            Tests = tests,
            Failed = failed,
            FailureRate = tests == 0 ? 0 : (double)failed / tests,
            MaxFailureRate = suites.Count == 0 ? 0 : suites.Min(s => s.MaxFailureRate),
            Impact = string.Join("; ", suites.Select(s => s.Impact).OfType<string>().Distinct()) is { Length: > 0 } impact ? impact : null,
        };
    }
}
