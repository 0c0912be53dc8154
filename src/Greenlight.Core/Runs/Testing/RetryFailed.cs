using Greenlight.Analysis.Comparison;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Stages;

namespace Greenlight.Runs.Testing;

/// <summary>How often a failed test ran, and whether it passed on a retry (flaky).</summary>
internal sealed record Retry(int Attempts, bool Flaky);

/// <summary>
/// <c>loop.retry_failed: N</c>: each failed test is rerun alone, up to N times, until it passes.
/// The first result stays the test's result (and feeds clustering); one that passes later is
/// flaky, which the record shows and which never makes the run green.
/// </summary>
internal sealed class RetryFailed(ITestRunner runner, IRunProgress progress)
{
    private const int MostRetried = 20;

    public async Task<IReadOnlyDictionary<string, Retry>> RunAsync(int retries, string root, SuiteConfig suite, SuiteRunContext context, SuiteRunResult result, CancellationToken cancellationToken)
    {
        var outcome = new Dictionary<string, Retry>(StringComparer.Ordinal);
        if (retries <= 0)
        {
            return outcome;
        }

        var index = 0;
        foreach (var first in result.Cases.Where(c => c.Outcome is TestOutcome.Failed or TestOutcome.Error).Take(MostRetried))
        {
            index++;
            if (Isolated(suite, first, result, root) is not { } alone)
            {
                progress.Step("retry", suite.Id, $"{first.FullName}: the {suite.Runner} runner cannot rerun one test; not retried", false);
                continue;
            }

            var attempts = new List<TestCaseResult>();
            for (var attempt = 1; attempt <= retries; attempt++)
            {
                var directory = Path.Combine(context.SuiteDirectory, "retries", $"{index}-{attempt}");
                Directory.CreateDirectory(directory);
                var again = await runner.RunAsync(alone, context with { SuiteDirectory = directory, FailFast = false }, cancellationToken);
                var same = again.Cases.FirstOrDefault(c => c.FullName == first.FullName) ?? again.Cases.FirstOrDefault();
                if (same is null)
                {
                    break;
                }

                attempts.Add(same);
                if (same.Outcome == TestOutcome.Passed)
                {
                    break;
                }
            }

            var resolved = RetryResolver.Resolve(first, attempts);
            outcome[first.FullName] = new Retry(resolved.Attempts, resolved.IsFlaky);
            progress.Step("retry", suite.Id, resolved.IsFlaky
                ? $"{first.FullName}: FLAKY (failed, then passed on retry {attempts.Count})"
                : $"{first.FullName}: failed again on {attempts.Count} retr{(attempts.Count == 1 ? "y" : "ies")}", !resolved.IsFlaky ? false : null);
        }

        return outcome;
    }

    /// <summary>The suite narrowed to one test: dotnet by its full name, pytest by node id; null for other runners.</summary>
    internal static SuiteConfig? Isolated(SuiteConfig suite, TestCaseResult test, SuiteRunResult result, string root)
    {
        switch (suite.Runner)
        {
            case RunnerNames.Dotnet:
                return suite with { Filter = null, OnlyTest = test.FullName, OnlyTests = null };
            case RunnerNames.Pytest:
                var nodeId = result.Pytest?.Tests.Select(t => t.NodeId).FirstOrDefault(n => JUnitName(n) == test.FullName);
                return nodeId is null || PytestNodePath(suite.Path, nodeId, root) is not { } path ? null : suite with { Path = path, Filter = null, OnlyTests = null };
            default:
                return null;
        }
    }

    private static string JUnitName(string nodeId)
    {
        var (className, name) = PytestNodeId.ToJUnit(nodeId);
        return className.Length == 0 ? name : $"{className}.{name}";
    }

    /// <summary>Node ids are relative to pytest's rootdir, an ancestor of the suite path: find the file they name.</summary>
    internal static string? PytestNodePath(string suitePath, string nodeId, string root)
    {
        var separator = nodeId.IndexOf("::", StringComparison.Ordinal);
        var file = separator < 0 ? nodeId : nodeId[..separator];
        for (var directory = Path.GetFullPath(suitePath, root); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, file);
            if (File.Exists(candidate))
            {
                return candidate + (separator < 0 ? "" : nodeId[separator..]);
            }
        }

        return null;
    }
}
