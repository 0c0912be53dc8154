using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Stages;

namespace Greenlight.Runners;

public sealed partial class DotnetTestRunner
{
    /// <summary>Microsoft.Testing.Platform exit codes other than 0 (passed) and 2 (some tests failed).</summary>
    private static string? ExitProblem(int? exitCode, string? filter) => exitCode switch
    {
        0 or 2 or null => null,
        8 => filter is null ? "no tests ran (zero tests discovered)" : $"no tests ran (filter '{filter}' matched nothing)",
        3 => "test run aborted (exit 3)",
        5 => "test host rejected its arguments (exit 5); an MSTest, NUnit or TUnit project needs Microsoft.Testing.Extensions.TrxReport for --report-trx",
        7 => "test process crashed (exit 7)",
        9 => "fewer tests ran than --minimum-expected-tests (exit 9)",
        _ => $"test host exited with {exitCode}",
    };

    private async Task<SuiteRunResult> ReadResultsAsync(
        SuiteRunResult result, SuiteConfig suite, DotnetTestPlatform platform, ProcessResult process, string results, CancellationToken cancellationToken)
    {
        var problems = result.Problems.ToList();
        var trxPath = Path.Combine(results, TrxFile);
        var trx = await _results.ReadAsync(trxPath, cancellationToken).ConfigureAwait(false);
        if (platform == DotnetTestPlatform.VsTest)
        {
            // dotnet test: 1 when a test failed; any other non-zero, or 1 without a failed test, is the run's own failure.
            var failed = trx.Cases.Any(c => c.Outcome is TestOutcome.Failed or TestOutcome.Error);
            if (!process.TimedOut && process.ExitCode is not (null or 0) && !(process.ExitCode == 1 && failed))
            {
                problems.Add($"dotnet test {process.Describe()}{RunnerRun.LastLines(process)}");
            }

            problems.AddRange(trx.Problems);
            return result with { Cases = trx.Cases, Problems = problems, CollectionFailed = trx.CollectionErrors.Count > 0, ResultFiles = File.Exists(trxPath) ? [trxPath] : [] };
        }

        if (!process.TimedOut && ExitProblem(process.ExitCode, suite.Filter) is { } exitProblem)
        {
            problems.Add(process.ExitCode == 8 ? exitProblem : exitProblem + RunnerRun.LastLines(process));
        }

        var xunitPath = Path.Combine(results, XunitFile);
        var xunit = platform == DotnetTestPlatform.XunitV3 ? await _results.ReadAsync(xunitPath, cancellationToken).ConfigureAwait(false) : null;
        var files = new[] { trxPath, xunitPath }.Where(File.Exists).ToList();
        if (process.ExitCode == 8 && trx.Cases.Count == 0)
        {
            return result with { Problems = problems, ResultFiles = files };
        }

        if (xunit is null)
        {
            problems.AddRange(trx.Problems);
            return result with { Cases = trx.Cases, Problems = problems, CollectionFailed = trx.CollectionErrors.Count > 0, ResultFiles = files };
        }

        // The TRX is the source of cases (it has time windows) with the report's traits joined in;
        // the xunit report alone only when the TRX is unusable. Problems of both are kept.
        var merged = trx.Cases.Count > 0 || xunit.Cases.Count == 0
            ? ResultMerge.WithTraits(trx, xunit)
            : xunit with { Problems = [.. trx.Problems, .. xunit.Problems] };
        problems.AddRange(merged.Problems);
        return result with { Cases = merged.Cases, Problems = problems, CollectionFailed = merged.CollectionErrors.Count > 0, ResultFiles = files };
    }
}
