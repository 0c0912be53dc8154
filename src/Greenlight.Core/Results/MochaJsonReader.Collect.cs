using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class MochaJsonReader
{
    private void Collect(Report report, CaseCollector collector)
    {
        if (report.Tests is null)
        {
            collector.Problem($"{collector.Path}: no \"tests\": not a mocha JSON report");
            return;
        }

        // Failures that are tests are already among the tests; the rest are hooks (before all, after each…).
        var failedTests = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var test in report.Tests ?? [])
        {
            var failed = HasError(test);
            if (failed)
            {
                failedTests[test.FullTitle ?? ""] = failedTests.GetValueOrDefault(test.FullTitle ?? "") + 1;
            }

            var outcome = failed ? TestOutcome.Failed : test.Duration is null ? TestOutcome.Skipped : TestOutcome.Passed;
            collector.Add(ToCase(test, outcome));
        }

        foreach (var failure in report.Failures ?? [])
        {
            if (failedTests.TryGetValue(failure.FullTitle ?? "", out var left) && left > 0)
            {
                failedTests[failure.FullTitle ?? ""] = left - 1;
                continue;
            }

            collector.Add(ToCase(failure, TestOutcome.Error));
        }
    }

    private TestCaseResult ToCase(Test test, TestOutcome outcome)
    {
        var title = test.Title ?? "";
        var fullTitle = test.FullTitle ?? title;
        var describePath = fullTitle.Length > title.Length && fullTitle.EndsWith(" " + title, StringComparison.Ordinal)
            ? fullTitle[..^(title.Length + 1)]
            : "";
        return new TestCaseResult
        {
            Name = describePath.Length == 0 ? fullTitle : title,
            ClassName = describePath,
            Outcome = outcome,
            Duration = test.Duration is >= 0 and < 1e12 ? TimeSpan.FromMilliseconds(test.Duration.Value) : TimeSpan.Zero,
            Message = TextField.Bound(TextField.FirstLine(test.Err?.Message), _limits),
            StackTrace = TextField.Bound(test.Err?.Stack, _limits),
        };
    }

    private static bool HasError(Test test) => test.Err is { } err && (err.Message is not null || err.Stack is not null);
}
