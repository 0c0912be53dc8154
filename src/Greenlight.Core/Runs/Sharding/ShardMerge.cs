using Greenlight.Analysis.Logs;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Runs.Testing;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Sharding;

/// <summary>
/// The shards' reports as one test stage: each planned suite's parts summed into one record (its outcome
/// computed again from the sums), every test once, the phases evaluated again. Nothing is lost: a shard
/// that owned tests of a suite and never reported, or reported only part of them, is a problem of that
/// suite naming the shard and the tests it owned, so the merged run cannot be GREEN.
/// </summary>
internal static class ShardMerge
{
    private const int NamedTests = 20;

    /// <param name="reports">Each shard's first report, by shard number.</param>
    /// <param name="unreported">Why a shard without a report has none ("finish timed out after 10 min").</param>
    public static TestStageResult Merge(RunPlan plan, ShardPlan? shards, IReadOnlyDictionary<int, ShardReport> reports, string unreported)
    {
        var suites = new List<SuiteRecord>();
        var phases = new List<PhaseRecord>();
        foreach (var phase in plan.Phases)
        {
            var inPhase = phase.Suites.Select(s => MergeSuite(s, shards, reports, unreported)).ToList();
            suites.AddRange(inPhase);
            phases.Add(PhaseEvaluator.Evaluate(phase.Label, inPhase));
        }

        var ordered = reports.OrderBy(r => r.Key).Select(r => r.Value).ToList();
        var windows = new Dictionary<string, LogWindow>(StringComparer.Ordinal);
        foreach (var (suite, window) in ordered.SelectMany(r => r.Windows))
        {
            windows[suite] = windows.TryGetValue(suite, out var known)
                ? new LogWindow(Min(known.From, window.From), Max(known.To, window.To))
                : window;
        }

        return new TestStageResult(
            phases, suites,
            [.. ordered.SelectMany(r => r.Tests)],
            [.. ordered.SelectMany(r => r.Commands)],
            [.. ordered.SelectMany(r => r.Failures)],
            windows,
            new Dictionary<string, int>(),
            [],
            ordered.Count == 0 ? 0 : ordered.Max(r => r.DurationMs),
            null);
    }

    /// <summary>The shards that own tests of the suite (shard 1 alone when the suite could not be listed), with how many.</summary>
    public static IReadOnlyList<(int Shard, IReadOnlyList<string> Tests)> Owners(ShardPlan plan, string suite)
    {
        if (plan.Suite(suite) is not { } owned)
        {
            return [];
        }

        return owned.Problems.Count > 0
            ? [(1, [])]
            : [.. owned.Tests.Select((tests, index) => (index + 1, tests)).Where(o => o.tests.Count > 0)];
    }

    private static SuiteRecord MergeSuite(Config.SuiteConfig suite, ShardPlan? shards, IReadOnlyDictionary<int, ShardReport> reports, string unreported)
    {
        if (shards is null)
        {
            return SuiteEvaluator.NotRun(suite, $"no shard ever reported ({unreported}), so no shard plan was made and none of its tests ran");
        }

        var parts = new List<(int Shard, SuiteRecord Part)>();
        var problems = new List<string>();
        foreach (var (shard, owned) in Owners(shards, suite.Id))
        {
            var label = $"shard {shard}/{shards.Shards}";
            var what = owned.Count == 0 ? "the whole suite" : $"its {owned.Count} test{(owned.Count == 1 ? "" : "s")} ({Names(owned)})";
            if (!reports.TryGetValue(shard, out var report))
            {
                problems.Add($"{label} never reported ({unreported}): {what} did not run");
                continue;
            }

            var part = report.Suites.FirstOrDefault(s => s.Id == suite.Id);
            if (part is null)
            {
                problems.Add($"{label} reported without this suite ({report.Stop ?? "partial results"}): {what} did not run");
                continue;
            }

            parts.Add((shard, part));
            var ran = report.Tests.Count(t => t.Suite == suite.Id);
            if (!report.Complete && part.Outcome != StageOutcome.NotRun)
            {
                problems.Add($"{label} reported partial results ({report.Stop ?? "it did not finish"}): {what}");
            }
            else if (part.Outcome != StageOutcome.NotRun && owned.Count > 0 && ran < owned.Count)
            {
                problems.Add($"{label} reported {ran} of {what}");
            }
        }

        var ranParts = parts.Where(p => p.Part.Outcome != StageOutcome.NotRun).ToList();
        var notRun = parts.Where(p => p.Part.Outcome == StageOutcome.NotRun)
            .Select(p => $"shard {p.Shard}/{shards.Shards}: {string.Join("; ", p.Part.Problems)}").ToList();
        if (ranParts.Count == 0)
        {
            var why = notRun.Count > 0 && problems.Count == 0
                ? parts[0].Part.Problems.Distinct().ToList()
                : [.. problems, .. notRun];
            return SuiteEvaluator.NotRun(suite, why.Count == 0 ? "no shard owned a test of it" : string.Join("; ", why));
        }

        var first = ranParts[0].Part;
        var requests = ranParts.Where(p => p.Part.Requests is not null).Select(p => p.Part.Requests!.Value).ToList();
        var merged = first with
        {
            Command = first.Command,
            ExitCode = ranParts.Select(p => p.Part.ExitCode).FirstOrDefault(c => c is not (null or 0)) ?? first.ExitCode,
            TimedOut = ranParts.Any(p => p.Part.TimedOut),
            CollectionFailed = ranParts.Any(p => p.Part.CollectionFailed),
            Requests = requests.Count == 0 ? null : requests.Sum(),
            StartedAt = ranParts.Select(p => p.Part.StartedAt).Where(s => s is not null).Min(),
            // The shards ran side by side: the suite took as long as its slowest part.
            DurationMs = ranParts.Max(p => p.Part.DurationMs),
            Total = ranParts.Sum(p => p.Part.Total),
            Passed = ranParts.Sum(p => p.Part.Passed),
            Failed = ranParts.Sum(p => p.Part.Failed),
            Errors = ranParts.Sum(p => p.Part.Errors),
            Skipped = ranParts.Sum(p => p.Part.Skipped),
            Problems = [.. ranParts.SelectMany(p => p.Part.Problems).Concat(problems).Concat(notRun).Distinct()],
            Output = first.Output is null ? null : Path.Combine("shards", ranParts[0].Shard.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Output),
            ResultFiles = [.. ranParts.SelectMany(p => p.Part.ResultFiles.Select(f => Path.Combine("shards", p.Shard.ToString(System.Globalization.CultureInfo.InvariantCulture), f)))],
            ProofReasons = [.. ranParts.SelectMany(p => p.Part.ProofReasons).Distinct()],
            ProofEvidence = [.. ranParts.SelectMany(p => p.Part.ProofEvidence).Distinct()],
            ProofNotes = [.. ranParts.SelectMany(p => p.Part.ProofNotes).Distinct()],
        };
        return merged with { Outcome = SuiteEvaluator.Outcome(merged) };
    }

    private static string Names(IReadOnlyList<string> tests) =>
        string.Join(", ", tests.Take(NamedTests)) + (tests.Count > NamedTests ? $", and {tests.Count - NamedTests} more" : "");

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
