using Greenlight.Model;
using Greenlight.Runs.History;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private const int BaselinePasses = 5;
    private const int FlipRateRuns = 20;

    /// <summary>
    /// Opens the store <c>history:</c> names and reads what the last run knew. A store that cannot be
    /// opened or read is a worklog line ("history not saved: …"), never a failed run.
    /// </summary>
    internal async Task OpenHistoryAsync(RunState state, string runId, CancellationToken cancellationToken)
    {
        if (stages.History is not { } factory)
        {
            return;
        }

        var opened = await factory.OpenAsync(state.Config.HistoryStore, state.Config.RootDirectory, cancellationToken);
        if (!opened.Succeeded)
        {
            state.HistoryProblems.Add(redactor.Redact($"history not opened: {opened.Error}"));
            progress.Step("history", "store", redactor.Redact($"history unavailable: {opened.Error}"), false);
            return;
        }

        state.HistoryStore = opened.Value!;
        state.HistoryDescription = redactor.Redact(state.HistoryStore.Description);
        var previous = await state.HistoryStore.PreviousRunAsync(state.Config.Project, runId, cancellationToken);
        Note(state, previous.Error);
        state.Previous = previous.Value;
        var failing = await state.HistoryStore.PreviouslyFailingAsync(state.Config.Project, cancellationToken);
        Note(state, failing.Error);
        state.PreviouslyFailing.AddRange((failing.Value ?? []).Select(t => $"{t.Suite} / {t.Test}"));
        progress.Step("history", "store", state.Previous is { } p
            ? $"history: {state.HistoryDescription}; last run {p.RunId} was {p.Verdict}"
            : $"history: {state.HistoryDescription}; no earlier run", true);
    }

    /// <summary>
    /// Fills the suite's <c>duration-drop</c> baselines: each test's median over its last proven passes.
    /// Called once the runner has named the tests, before the proof rules judge them.
    /// </summary>
    internal async Task LoadBaselinesAsync(RunState state, string suiteId, IReadOnlyList<TestCaseResult> cases, CancellationToken cancellationToken)
    {
        if (state.HistoryStore is not { } store)
        {
            return;
        }

        var medians = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var name in cases.Select(c => c.FullName).Distinct(StringComparer.Ordinal))
        {
            var median = await store.MedianPassingDurationAsync(state.Config.Project, suiteId, name, BaselinePasses, RunIdOf(state), cancellationToken);
            if (!median.Succeeded)
            {
                Note(state, median.Error);
                return;
            }

            if (median.Value is { } value)
            {
                medians[name] = value;
            }
        }

        state.MedianDurations[suiteId] = medians;
    }

    /// <summary>Saves a finished (or per-iteration) record with its clusters; returns the record with what history did.</summary>
    internal async Task<RunRecord> SaveHistoryAsync(RunState state, RunRecord record, CancellationToken cancellationToken)
    {
        var problems = state.HistoryProblems.ToList();
        var saved = false;
        if (state.HistoryStore is { } store)
        {
            var result = await store.SaveAsync(record, cancellationToken);
            saved = result.Succeeded;
            if (!saved)
            {
                problems.Add(redactor.Redact($"history not saved: {result.Error}"));
            }
        }
        else if (stages.History is not null)
        {
            problems.Add("history not saved: the store could not be opened");
        }

        return record with { History = HistoryRecordOf(state, record, saved, problems) };
    }

    /// <summary>Flip rates from history for the tests that passed only on a retry.</summary>
    internal async Task<IReadOnlyDictionary<(string Suite, string Test), double>> FlipRatesAsync(RunState state, CancellationToken cancellationToken)
    {
        if (state.HistoryStore is not { } store || state.Retries.Values.All(r => !r.Flaky))
        {
            return new Dictionary<(string, string), double>();
        }

        var rates = await store.FlipRatesAsync(state.Config.Project, FlipRateRuns, cancellationToken);
        Note(state, rates.Error);
        return rates.Value ?? new Dictionary<(string, string), double>();
    }

    private HistoryRecord? HistoryRecordOf(RunState state, RunRecord record, bool saved, IReadOnlyList<string> problems)
    {
        if (stages.History is null && state.HistoryStore is null)
        {
            return null;
        }

        var previous = state.Previous;
        return new HistoryRecord
        {
            Store = state.HistoryDescription,
            Saved = saved,
            Problems = problems,
            Previous = previous is null ? null : new PreviousRunRecord(
                previous.RunId, previous.StartedAt, previous.Verdict, previous.Tests.Count,
                previous.Tests.Count(t => t.Status is Analysis.Comparison.TestStatus.Failed or Analysis.Comparison.TestStatus.Flaky),
                [.. previous.Clusters.Select(c => redactor.Redact($"{c.Title} ({c.Count})"))]),
            PreviouslyFailing = [.. state.PreviouslyFailing.Select(redactor.Redact)],
            Baselines = state.MedianDurations.Values.Sum(m => m.Count),
            Comparison = previous is null ? null : RunComparison.Compare(previous, record),
        };
    }

    private void Note(RunState state, string? error)
    {
        if (error is not null)
        {
            state.HistoryProblems.Add(redactor.Redact($"history not read: {error}"));
        }
    }

    private static string RunIdOf(RunState state) => Path.GetFileName(state.RunDirectory);
}
