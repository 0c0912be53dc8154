using Greenlight.Model;

namespace Greenlight.Reporting.Worklog;

/// <summary>
/// One section per phase, then its suites with each test's outcome. Above <see cref="ListedInFull"/>
/// tests in the run, a suite lists its failures, doubted passes and slowest tests, and counts the
/// rest (every test is in tests.jsonl).
/// </summary>
internal static class PhasesSection
{
    /// <summary>Runs with up to this many tests list every test.</summary>
    internal const int ListedInFull = 500;

    private const int Slowest = 10;

    public static void Write(MarkdownWriter md, RunRecord run)
    {
        foreach (var phase in run.Phases)
        {
            md.Heading(2, $"Phase {phase.Priority}: {OutcomeText(phase.Outcome)}");
            var impact = phase.Impact is null ? "" : $"Impact: {MarkdownWriter.Inline(phase.Impact)}. ";
            if (phase.Outcome == StageOutcome.NotRun)
            {
                md.Line($"{impact}Criterion: {Format.Criterion(phase.MaxFailureRate)}.").Blank();
            }
            else
            {
                md.Line($"{impact}{phase.Tests} tests, {phase.Failed} failed ({Format.Percent(phase.FailureRate)}); criterion: {Format.Criterion(phase.MaxFailureRate)}.").Blank();
            }

            foreach (var suite in run.Suites.Where(s => phase.Suites.Contains(s.Id)))
            {
                Suite(md, run, suite);
            }
        }
    }

    private static void Suite(MarkdownWriter md, RunRecord run, SuiteRecord suite)
    {
        if (suite.Outcome == StageOutcome.NotRun)
        {
            md.Heading(3, $"{suite.Id} ({suite.Runner}): not run");
            md.Line(MarkdownWriter.Inline(string.Join("; ", suite.Problems))).Blank();
            return;
        }

        md.Heading(3, $"{suite.Id} ({suite.Runner}): {suite.Passed} passed, {suite.Failed} failed, {suite.Errors} errors, {suite.Skipped} skipped in {Format.Duration(suite.DurationMs)}");
        var exit = suite.TimedOut ? "timed out" : $"exit {suite.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
        md.Line($"Outcome: {OutcomeText(suite.Outcome)} ({exit}).{(suite.Output is null ? "" : $" Output: {MarkdownWriter.CodeSpan(suite.Output)}")}").Blank();
        foreach (var problem in suite.Problems)
        {
            md.Bullet($"⚠️ {MarkdownWriter.Inline(problem)}");
        }

        if (suite.Problems.Count > 0)
        {
            md.Blank();
        }

        var tests = run.Tests.Where(t => t.Suite == suite.Id).ToList();
        if (run.Tests.Count > ListedInFull)
        {
            Summarised(md, tests);
        }
        else if (suite.Runner == Config.RunnerNames.Newman)
        {
            NewmanRequests(md, tests);
        }
        else
        {
            foreach (var test in tests)
            {
                Test(md, test);
            }
        }

        if (tests.Count > 0)
        {
            md.Blank();
        }
    }

    private static string TestLine(TestRecord test, string name)
    {
        var reasons = test.Reasons.Count == 0 ? "" : $" [{string.Join(", ", test.Reasons)}]";
        var message = test.Message is null || test.Outcome == TestOutcome.Passed ? "" : $": {MarkdownWriter.Inline(Shorten(test.Message))}";
        return $"{Icon(test)} {MarkdownWriter.CodeSpan(name)} ({Format.Duration(test.DurationMs)}){reasons}{message}";
    }

    /// <summary>newman's checks under the request they belong to (the class name newman gives them), with its traffic.</summary>
    private static void NewmanRequests(MarkdownWriter md, IReadOnlyList<TestRecord> tests)
    {
        foreach (var request in tests.GroupBy(t => t.Name.Split('.', 2)[0], StringComparer.Ordinal))
        {
            var requests = request.Max(t => t.Requests);
            md.Bullet($"request {MarkdownWriter.CodeSpan(request.Key)}: {requests} recorded request(s)");
            foreach (var test in request)
            {
                md.Line("  - " + TestLine(test, test.Name.Split('.', 2) is [_, var check] ? check : test.Name));
            }
        }
    }

    /// <summary>A large run: failures and doubted passes one by one, the slowest tests, and the other passes and skips as counts.</summary>
    private static void Summarised(MarkdownWriter md, List<TestRecord> tests)
    {
        foreach (var test in tests.Where(t => RunJson.IsFailure(t) || RunJson.IsDoubted(t)))
        {
            Test(md, test);
        }

        var slowest = tests.OrderByDescending(t => t.DurationMs).ThenBy(t => t.Name, StringComparer.Ordinal).Take(Slowest).ToList();
        if (slowest.Count > 0)
        {
            md.Bullet($"Slowest {Count(slowest.Count)}:");
            foreach (var test in slowest)
            {
                md.Line($"  - {Icon(test)} {MarkdownWriter.CodeSpan(test.Name)} ({Format.Duration(test.DurationMs)})");
            }
        }

        var proven = tests.Count(t => t.Outcome == TestOutcome.Passed && !RunJson.IsDoubted(t) && !t.Flaky);
        var skipped = tests.Count(t => t.Outcome == TestOutcome.Skipped);
        if (proven + skipped > 0)
        {
            md.Bullet($"✅ {Count(proven)} proven pass(es) and ⏭️ {Count(skipped)} skipped test(s) not listed one by one (the run has more than {Count(ListedInFull)} tests): "
                + $"every test is in {MarkdownWriter.CodeSpan(RunJson.TestsFile)} beside this worklog, one JSON object a line.");
        }
    }

    private static void Test(MarkdownWriter md, TestRecord test) => md.Bullet(TestLine(test, test.Name));

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A pass the proof rules doubt is marked ❓, never ✅.</summary>
    private static string Icon(TestRecord test) => test.Outcome switch
    {
        TestOutcome.Passed when test.Reasons.Count > 0 => "❓",
        TestOutcome.Passed => "✅",
        TestOutcome.Failed => "❌",
        TestOutcome.Error => "💥",
        _ => "⏭️",
    };

    private static string OutcomeText(StageOutcome outcome) => outcome switch
    {
        StageOutcome.Passed => "passed",
        StageOutcome.Failed => "FAILED",
        StageOutcome.Unproven => "unproven",
        _ => "not run",
    };

    private static string Shorten(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
