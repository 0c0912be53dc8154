using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class TrxResultReader
{
    private sealed record Definition(string ClassName, Dictionary<string, string>? Properties);

    /// <summary>A result as written, held until the definitions (which follow the results) are read.</summary>
    private sealed class RawResult
    {
        public string? TestId { get; init; }
        public required string TestName { get; init; }
        public string? Outcome { get; init; }
        public string? Duration { get; init; }
        public string? StartTime { get; init; }
        public string? EndTime { get; init; }
        public string? StdOut { get; set; }
        public string? StdErr { get; set; }
        public string? ErrorMessage { get; set; }
        public string? StackTrace { get; set; }
        public string? TextMessages { get; set; }

        public TestCaseResult ToCase(Definition? definition, ResultReaderLimits limits)
        {
            var className = definition?.ClassName ?? "";
            var name = TestName;
            // testName is the display name, arguments included; the class is taken off so FullName is "Class.Test(args)".
            if (className.Length > 0 && name.Length > className.Length + 1
                && name.StartsWith(className, StringComparison.Ordinal) && name[className.Length] == '.')
            {
                name = name[(className.Length + 1)..];
            }

            var outcome = MapOutcome(Outcome);
            var output = TextField.Join(TextField.Join(StdOut, StdErr), TextMessages);
            // VSTest puts a skip reason in ErrorInfo; MTP and xunit's own TRX put it in StdOut.
            var message = TextField.FirstLine(ErrorMessage)
                ?? (outcome == TestOutcome.Skipped ? TextField.FirstLine(output) : null);
            return new TestCaseResult
            {
                Name = name,
                ClassName = className,
                Outcome = outcome,
                Duration = ParseDuration(Duration),
                Started = ParseTime(StartTime),
                Ended = ParseTime(EndTime),
                Message = TextField.Bound(message, limits),
                StackTrace = TextField.Bound(StackTrace, limits),
                Output = TextField.Bound(output, limits),
                Traits = definition?.Properties is { Count: > 0 } properties ? properties : TestCaseResultDefaults.NoTraits,
            };
        }
    }
}
