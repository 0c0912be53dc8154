using System.Text;
using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class GoTestJsonReader
{
    /// <summary>A test between its run event and its result: when it started, where, and its output so far.</summary>
    private sealed class Running(DateTimeOffset? started, int line)
    {
        private StringBuilder? _output;

        public int Line { get; } = line;

        public void Append(string? output, ResultReaderLimits limits)
        {
            // One past the limit is enough for TextField.Bound to cut and mark it.
            if (!string.IsNullOrEmpty(output) && (_output?.Length ?? 0) <= limits.MaxFieldCharacters)
            {
                (_output ??= new StringBuilder()).Append(output);
            }
        }

        public TestCaseResult ToCase(string package, string test, TestOutcome outcome, DateTimeOffset? ended, double? elapsed, ResultReaderLimits limits)
        {
            var output = _output?.ToString();
            return new TestCaseResult
            {
                Name = test,
                ClassName = package,
                Outcome = outcome,
                // go rounds Elapsed to hundredths; the event times are exact to the nanosecond.
                Duration = started is { } s && ended is { } e && e >= s ? e - s
                    : elapsed is >= 0 and < 1e9 ? TimeSpan.FromSeconds(elapsed.Value) : TimeSpan.Zero,
                Started = started,
                Ended = ended,
                Message = outcome == TestOutcome.Passed ? null : TextField.Bound(TextField.FirstLine(output), limits),
                Output = TextField.Bound(output, limits),
                Traits = TestCaseResultDefaults.NoTraits,
            };
        }
    }
}
