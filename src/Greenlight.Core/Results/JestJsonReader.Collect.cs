using Greenlight.Model;

namespace Greenlight.Results;

public sealed partial class JestJsonReader
{
    private const string SuiteFailedToRun = "Test suite failed to run";
    private static readonly char[] Separators = ['/', '\\'];

    private void Collect(Report report, CaseCollector collector)
    {
        if (report.TestResults is not { } suites)
        {
            collector.Problem($"{collector.Path}: no \"testResults\": not a jest JSON report");
            return;
        }

        var root = CommonDirectory(suites.Select(suite => suite.Name ?? ""));
        foreach (var suite in suites)
        {
            var failed = false;
            foreach (var assertion in suite.AssertionResults ?? [])
            {
                // jest-junit, when it reports files that failed to run, adds such an untitled result to jest's own.
                if (assertion is { Title: null, FullName: null, Status: "error" })
                {
                    continue;
                }

                var outcome = MapStatus(assertion.Status);
                failed |= outcome is TestOutcome.Failed or TestOutcome.Error;
                var failures = assertion.FailureMessages is { Count: > 0 } messages ? string.Join('\n', messages) : null;
                collector.Add(new TestCaseResult
                {
                    Name = assertion.FullName ?? string.Join(' ', [.. assertion.AncestorTitles ?? [], assertion.Title ?? ""]),
                    Outcome = outcome,
                    Duration = assertion.Duration is >= 0 and < 1e12 ? TimeSpan.FromMilliseconds(assertion.Duration.Value) : TimeSpan.Zero,
                    Message = outcome == TestOutcome.Error ? $"unknown jest status '{assertion.Status}'" : TextField.Bound(TextField.FirstLine(failures), _limits),
                    StackTrace = TextField.Bound(failures, _limits),
                });
            }

            // Named as jest-junit names it: the file, relative to the files' common folder.
            if (suite.Status == "failed" && !failed)
            {
                collector.Add(new TestCaseResult
                {
                    Name = (suite.Name ?? "")[root.Length..],
                    ClassName = SuiteFailedToRun,
                    Outcome = TestOutcome.Error,
                    Duration = TimeSpan.Zero,
                    Started = SafeJson.FromUnixMilliseconds(suite.StartTime),
                    Ended = SafeJson.FromUnixMilliseconds(suite.EndTime),
                    Message = TextField.Bound(Cause(suite.Message), _limits),
                    StackTrace = TextField.Bound(suite.Message, _limits),
                });
            }
        }
    }

    /// <summary>jest's message opens with a "● Test suite failed to run" heading; the cause is the next line.</summary>
    private static string? Cause(string? message) =>
        message?.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith('●'));

    private static string CommonDirectory(IEnumerable<string> files)
    {
        string? common = null;
        foreach (var file in files)
        {
            var directory = file[..(file.LastIndexOfAny(Separators) + 1)];
            common = common is null ? directory : directory[..CommonLength(common, directory)];
        }

        return common is null ? "" : common[..(common.LastIndexOfAny(Separators) + 1)];
    }

    private static int CommonLength(string a, string b) => a.AsSpan().CommonPrefixLength(b);
}
