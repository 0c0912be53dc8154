using BenchmarkDotNet.Attributes;
using Greenlight.History;

namespace Greenlight.Analysis.Bench;

/// <summary>History queries over 10,000 runs of 30 tests each in one SQLite file (built once, reused).</summary>
public class HistoryQueryBench
{
    private const int RunCount = 10_000;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private IHistoryStore _store = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), "gl-bench-history-10k.db");
        var fresh = !File.Exists(path + ".done");
        if (fresh)
        {
            File.Delete(path);
        }

        _store = (await SqliteHistoryStore.OpenAsync(path)).Value ?? throw new InvalidOperationException("cannot open the benchmark history");
        if (fresh)
        {
            for (var i = 0; i < RunCount; i++)
            {
                var saved = await _store.SaveRunAsync(Run(i), CancellationToken.None);
                if (!saved.Succeeded)
                {
                    throw new InvalidOperationException(saved.Error);
                }
            }

            await File.WriteAllTextAsync(path + ".done", "ok");
        }
    }

    private static HistoryRun Run(int i) => new()
    {
        Id = $"run-{i:D6}",
        Project = "agentchat",
        Started = Epoch.AddMinutes(i),
        Ended = Epoch.AddMinutes(i).AddSeconds(50),
        Verdict = i % 4 == 0 ? "RED" : "GREEN",
        Iterations =
        [
            new HistoryIteration
            {
                Number = 1,
                Started = Epoch.AddMinutes(i),
                Tests = [.. Enumerable.Range(0, 30).Select(t => new HistoryTest(
                    $"suite-{t % 5}", $"test_{t:D3}", $"P{(t % 5) + 1}",
                    (t + i) % 17 == 0 ? "failed" : "passed", 1000 + ((t * 37 + i) % 500), true, []))],
                Clusters = i % 4 == 0 ? [new HistoryCluster($"sig-{i % 7}", "received 1011 (internal error) Internal error", 2, Epoch.AddMinutes(i), [])] : [],
            },
        ],
    };

    [Benchmark]
    public async Task<int> RecentRuns20() => (await _store.RecentRunsAsync("agentchat", 20, CancellationToken.None)).Value!.Count;

    [Benchmark]
    public async Task<int> PassRateBySuite100Runs() => (await _store.PassRateBySuiteAsync("agentchat", 100, CancellationToken.None)).Value!.Count;

    [Benchmark]
    public async Task<double?> MedianDurationLast20() => (await _store.MedianPassingDurationMsAsync("agentchat", new TestKey("suite-1", "test_001"), 20, "", CancellationToken.None)).Value;

    [Benchmark]
    public async Task<int> FlakyTests50Runs() => (await _store.FlakyTestsAsync("agentchat", 50, CancellationToken.None)).Value!.Count;

    [Benchmark]
    public async Task<int> PreviouslyFailing() => (await _store.PreviouslyFailingAsync("agentchat", CancellationToken.None)).Value!.Count;

    [Benchmark]
    public async Task<string?> LastSeenSignature() => (await _store.LastSeenAsync("agentchat", "sig-3", "", CancellationToken.None)).Value?.RunId;

    [Benchmark]
    public async Task<DateTimeOffset?> LastPassed() => (await _store.LastPassedAsync("agentchat", new TestKey("suite-2", "test_002"), "", CancellationToken.None)).Value;

    [Benchmark]
    public async Task<bool> SaveOneRun() => (await _store.SaveRunAsync(Run(RunCount + 1), CancellationToken.None)).Succeeded;
}
