using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class RspecJsonReader
{
    private void Collect(Report report, CaseCollector collector)
    {
        if (report.Examples is null)
        {
            collector.Problem($"{collector.Path}: no \"examples\": not an RSpec JSON report");
            return;
        }

        foreach (var example in report.Examples)
        {
            var name = example.Description ?? "";
            var full = example.FullDescription ?? name;
            var group = full.Length > name.Length && full.EndsWith(" " + name, StringComparison.Ordinal) ? full[..^(name.Length + 1)] : "";
            var outcome = MapStatus(example.Status);
            var failure = example.Exception;
            collector.Add(new TestCaseResult
            {
                Name = group.Length == 0 ? full : name,
                ClassName = group,
                Outcome = outcome,
                Duration = example.RunTime is >= 0 and < 1e9 ? TimeSpan.FromSeconds(example.RunTime.Value) : TimeSpan.Zero,
                Message = TextField.Bound(outcome switch
                {
                    TestOutcome.Skipped => example.PendingMessage,
                    TestOutcome.Error => $"unknown RSpec status '{example.Status}'",
                    _ => TextField.FirstLine(failure?.Message) ?? failure?.Class,
                }, _limits),
                StackTrace = failure is null ? null
                    : TextField.Bound($"{failure.Class}: {failure.Message?.Trim()}\n{string.Join('\n', failure.Backtrace ?? [])}", _limits),
            });
        }

        if (report.Summary?.ErrorsOutsideOfExamplesCount is > 0 and var errors)
        {
            var what = (report.Messages ?? []).Select(m => string.Join(' ', m.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(2)));
            collector.Problem($"{collector.Path}: {errors} error(s) outside of examples, in no test's result: {string.Join(" | ", what)}");
        }
    }
}
