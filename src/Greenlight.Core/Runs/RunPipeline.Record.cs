namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Analysis runs after services stop (their logs are complete) and must never cost the run its outputs.</summary>
    private async Task AnalyseSafelyAsync(RunState state)
    {
        // Not the run's token: an interrupted run is still analysed, what failed before Ctrl+C is worth explaining.
        using var timeout = new CancellationTokenSource(AnalysisTimeout, time);
        try
        {
            await AnalyseAsync(state, timeout.Token);
        }
#pragma warning disable CA1031 // Analysis is an aid; its failure is recorded and the run's facts still written.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            state.Error ??= redactor.Redact($"analysis failed: {ex.Message}");
        }
    }

    /// <summary>Adds clusters, retries and flakiness to the finished record, then saves it to history.</summary>
    internal async Task<RunRecord> CompleteRecordAsync(RunState state, RunRecord record, CancellationToken cancellationToken)
    {
        var rates = await FlipRatesAsync(state, cancellationToken);
        var tests = record.Tests.Select(t => state.Retries.TryGetValue((t.Suite, t.Name), out var retry)
            ? t with { Attempts = retry.Attempts, Flaky = retry.Flaky, FlipRate = retry.Flaky && rates.TryGetValue((t.Suite, t.Name), out var rate) ? rate : null }
            : t).ToList();
        var flaky = tests.Where(t => t.Flaky).Select(t => $"flaky: {t.Suite} / {t.Name} failed, then passed on a retry ({t.Attempts} attempts); counted as failed, never green").ToList();
        record = record with { Tests = tests, Clusters = [.. state.ClusterRecords], Reasons = [.. record.Reasons, .. flaky.Select(redactor.Redact)] };
        return await SaveHistoryAsync(state, record, cancellationToken);
    }

    private static async Task CloseHistoryAsync(RunState state)
    {
        if (state.HistoryStore is { } store)
        {
            state.HistoryStore = null;
            await store.DisposeAsync();
        }
    }
}
