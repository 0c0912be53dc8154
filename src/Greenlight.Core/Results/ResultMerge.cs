using Greenlight.Model;

namespace Greenlight.Results;

/// <summary>
/// Joins the two files a dotnet run writes: the TRX (outcomes, time windows, output) and xunit's
/// report (every trait; TRX keeps at most Category). Cases are matched by full name.
/// </summary>
public static class ResultMerge
{
    /// <summary>
    /// The TRX cases with the report's traits added (the report wins on a clash), and windows
    /// filled where the TRX has none. Problems of both files are kept: the report alone records
    /// fixture and cleanup errors. A report test missing from the TRX is a Problem too.
    /// </summary>
    public static ResultFile WithTraits(ResultFile trx, ResultFile xunitReport)
    {
        var byName = new Dictionary<string, Queue<TestCaseResult>>(StringComparer.Ordinal);
        foreach (var reported in xunitReport.Cases)
        {
            if (!byName.TryGetValue(reported.FullName, out var queue))
            {
                byName[reported.FullName] = queue = new Queue<TestCaseResult>(1);
            }

            queue.Enqueue(reported);
        }

        var cases = new List<TestCaseResult>(trx.Cases.Count);
        foreach (var testCase in trx.Cases)
        {
            cases.Add(byName.TryGetValue(testCase.FullName, out var queue) && queue.TryDequeue(out var reported)
                ? Merge(testCase, reported)
                : testCase);
        }

        var problems = trx.Problems.Concat(xunitReport.Problems).ToList();
        var unmatched = byName.Values.Sum(queue => queue.Count);
        if (unmatched > 0)
        {
            problems.Add($"{xunitReport.Path}: {unmatched} test(s) in the xunit report are missing from {trx.Path}");
        }

        return trx with { Cases = cases, Problems = problems, CollectionErrors = [.. trx.CollectionErrors, .. xunitReport.CollectionErrors] };
    }

    private static TestCaseResult Merge(TestCaseResult testCase, TestCaseResult reported)
    {
        if (reported.Traits.Count == 0 && testCase.Started is not null)
        {
            return testCase;
        }

        var traits = new Dictionary<string, string>(testCase.Traits, StringComparer.Ordinal);
        foreach (var (key, value) in reported.Traits)
        {
            traits[key] = value;
        }

        return testCase with
        {
            Traits = traits,
            Started = testCase.Started ?? reported.Started,
            Ended = testCase.Ended ?? reported.Ended,
        };
    }
}
