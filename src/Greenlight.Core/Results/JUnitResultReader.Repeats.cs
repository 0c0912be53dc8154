using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class JUnitResultReader
{
    private sealed partial class Session
    {
        // pytest's words for a fixture error it reports as a separate <testcase> of a test already written.
        private static readonly string[] PytestFixtureErrors = ["failed on teardown with ", "failed on setup with "];

        private readonly RepeatedNames _repeats = new();
        private string? _previous;

        /// <summary>
        /// Keeps every testcase element. The one merge: pytest writes a test that passed or failed and
        /// then errored in a fixture as a second testcase right after it, same name, with an error whose
        /// message says so; that is one test, folded into the first and reported as a Problem. Any other
        /// repeat is its own test, with an ordinal (<see cref="RepeatedNames"/>).
        /// </summary>
        private void Add(TestCaseResult testCase, string at)
        {
            var identity = testCase.FullName;
            var suiteStart = _suites.TryPeek(out var suite) ? suite.FirstCase : 0;
            if (_cases.Count > suiteStart && string.Equals(_previous, identity, StringComparison.Ordinal) && IsPytestFixtureError(testCase)
                && _cases[^1].Outcome is TestOutcome.Passed or TestOutcome.Failed)
            {
                var previous = _cases[^1];
                _cases[^1] = testCase with
                {
                    Name = previous.Name,
                    ClassName = previous.ClassName,
                    Duration = previous.Duration + testCase.Duration,
                    Output = TextField.Join(previous.Output, testCase.Output),
                    StackTrace = TextField.Join(previous.StackTrace, testCase.StackTrace),
                    Traits = previous.Traits.Count > 0 ? previous.Traits : testCase.Traits,
                };
                _problems.Add($"{path}:{at}: test case '{previous.FullName}' is written twice, the second time with " +
                    $"pytest's fixture error \"{testCase.Message}\"; read as one test with outcome Error");
                return;
            }

            _previous = identity;
            _cases.Add(_repeats.Number(testCase));
        }

        private static bool IsPytestFixtureError(TestCaseResult testCase) =>
            testCase.Outcome == TestOutcome.Error && testCase.Message is { } message
            && Array.Exists(PytestFixtureErrors, words => message.StartsWith(words, StringComparison.Ordinal));
    }
}
