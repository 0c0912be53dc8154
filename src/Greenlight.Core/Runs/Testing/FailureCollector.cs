using Greenlight.Analysis;
using Greenlight.Analysis.Logs;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Stages;

namespace Greenlight.Runs.Testing;

/// <summary>A suite's failed and errored cases with their times, and the suite's window, for analysis.</summary>
internal static class FailureCollector
{
    public static (LogWindow Window, IReadOnlyList<FailureOccurrence> Failures) Collect(SuiteConfig suite, SuiteRunResult result)
    {
        var window = new LogWindow(result.Started, result.Started + result.Duration);
        var times = (result.Pytest?.Tests ?? []).Where(t => t.Started is not null)
            .GroupBy(t => PytestNodeId.ToJUnit(t.NodeId))
            .ToDictionary(g => g.Key.ClassName.Length == 0 ? g.Key.Name : $"{g.Key.ClassName}.{g.Key.Name}", g => g.First(), StringComparer.Ordinal);
        var failures = new List<FailureOccurrence>();
        foreach (var failed in result.Cases.Where(c => c.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            var occurrence = FailureOccurrence.From(failed, suite.Id, suite.PriorityLabel, suite.Runner);
            if (occurrence.Started is null && times.TryGetValue(failed.FullName, out var timed))
            {
                occurrence = occurrence with { Started = timed.Started, Ended = timed.Ended };
            }

            // Without times from the runner, the suite's own window stands for the failure's.
            failures.Add(occurrence.Started is null && occurrence.Ended is null
                ? occurrence with { Started = window.From, Ended = window.To }
                : occurrence);
        }

        return (window, failures);
    }
}
