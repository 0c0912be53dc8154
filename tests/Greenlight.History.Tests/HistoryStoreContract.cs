namespace Greenlight.History.Tests;

/// <summary>What every history store must do; run against SQLite files and a real PostgreSQL.</summary>
public abstract partial class HistoryStoreContract
{
    protected static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>A fresh, empty, migrated store of this kind.</summary>
    protected abstract Task<IHistoryStore> NewStoreAsync(CancellationToken cancellationToken);

    /// <summary>A second store on the same database as <paramref name="first"/>.</summary>
    protected abstract Task<IHistoryStore> SecondStoreAsync(IHistoryStore first, CancellationToken cancellationToken);

    /// <summary>A store whose database was created at schema v1 and holds one v1 run, then opened at the latest version.</summary>
    protected abstract Task<IHistoryStore> StoreMigratedFromV1Async(string project, CancellationToken cancellationToken);

    [Fact]
    public async Task RecentRuns_ThreeRunsSaved_NewestFirstWithCounts()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Passed("t1"), Runs.Failed("t2")]), ct);
        await Save(store, Runs.Run("p", 2, "GREEN", [Runs.Passed("t1"), Runs.Passed("t2")]), ct);
        await Save(store, Runs.Run("p", 3, "UNPROVEN", [Runs.Passed("t1") with { Proven = false, Reasons = ["duration-drop"] }, Runs.Passed("t2")]), ct);
        await Save(store, Runs.Run("other", 4, "RED", [Runs.Failed("t1")]), ct);

        var runs = Value(await store.RecentRunsAsync("p", 2, ct));

        Assert.Equal(["p-run-00003", "p-run-00002"], runs.Select(r => r.Id));
        Assert.Equal((2, 0, 1), (runs[0].Passed, runs[0].Failed, runs[0].Unproven));
        Assert.Equal("golden-path", runs[1].Focus);
        Assert.Equal(Runs.Epoch.AddMinutes(2), runs[1].Started);
    }

    [Fact]
    public async Task SaveRun_SameIdTwice_ReplacesEarlierCopy()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RUNNING", [Runs.Failed("t1")]), ct);
        await Save(store, Runs.Run("p", 1, "GREEN", [Runs.Passed("t1")]), ct);

        var run = Assert.Single(Value(await store.RecentRunsAsync("p", 10, ct)));

        Assert.Equal(("GREEN", 1, 0), (run.Verdict, run.Passed, run.Failed));
    }

    [Fact]
    public async Task PassRate_BySuiteAndPhase_CountsLastIterationOfRecentRuns()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Passed("a"), Runs.Failed("b"), Runs.Passed("c", suite: "ws", phase: "P2")]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Passed("a"), Runs.Passed("b"), Runs.Failed("c", suite: "ws", phase: "P2")]), ct);

        var bySuite = Value(await store.PassRateBySuiteAsync("p", 10, ct));
        var byPhase = Value(await store.PassRateByPhaseAsync("p", 10, ct));

        Assert.Equal([new PassRate("p1-critical", 3, 3, 4), new PassRate("ws", 1, 1, 2)], bySuite);
        Assert.Equal(0.75, byPhase.Single(p => p.Group == "P1").Rate);
    }

    [Fact]
    public async Task MedianPassingDuration_LastNProvenPasses_MedianExcludingCurrentRun()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        double[] durations = [100, 5000, 1000, 1200, 1100, 10];
        for (var i = 0; i < durations.Length; i++)
        {
            var test = i == 1 ? Runs.Failed("t", durations[i]) : Runs.Passed("t", durations[i]);
            await Save(store, Runs.Run("p", i, "GREEN", [test]), ct);
        }

        // Last 3 proven passes before run 5: runs 4, 3, 2 → 1100, 1200, 1000.
        var median = Value(await store.MedianPassingDurationMsAsync("p", new TestKey("p1-critical", "t"), 3, "p-run-00005", ct));
        var none = Value(await store.MedianPassingDurationMsAsync("p", new TestKey("p1-critical", "never"), 3, "", ct));

        Assert.Equal(1100, median);
        Assert.Null(none);
    }

    [Fact]
    public async Task MedianPassingDurations_WholeSuite_SameMedianAsOneTestAtATime()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        double[] durations = [100, 5000, 1000, 1200, 1100, 10];
        for (var i = 0; i < durations.Length; i++)
        {
            HistoryTest[] tests =
            [
                i == 1 ? Runs.Failed("t", durations[i]) : Runs.Passed("t", durations[i]),
                Runs.Passed("u", 40 + i),
                Runs.Passed("u", 999, suite: "other"),
                Runs.Passed("never", 7) with { Proven = false, Reasons = ["no-traffic"] },
            ];
            await Save(store, Runs.Run("p", i, "GREEN", tests), ct);
        }

        var read = new List<(string Name, double Median)>();
        var count = Value(await store.ReadMedianPassingDurationsMsAsync("p", "p1-critical", 3, "p-run-00005", (name, median) => read.Add((name, median)), ct));
        var medians = read.ToDictionary(m => m.Name, m => m.Median);

        // Each test once, in name order, and the count says how many.
        Assert.Equal(["t", "u"], read.Select(m => m.Name));
        Assert.Equal(2, count);
        Assert.Equal(Value(await store.MedianPassingDurationMsAsync("p", new TestKey("p1-critical", "t"), 3, "p-run-00005", ct)), medians["t"]);
        Assert.Equal(1100, medians["t"]);
        // u: runs 4, 3, 2 → 44, 43, 42.
        Assert.Equal(43, medians["u"]);
    }

    [Fact]
    public async Task PreviouslyFailing_LatestOutcomeWins()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Failed("fixed-since"), Runs.Failed("still"), Runs.Passed("ok")]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Passed("fixed-since"), Runs.Failed("still"), Runs.Failed("new")]), ct);

        var failing = Value(await store.PreviouslyFailingAsync("p", ct));

        Assert.Equal(["new", "still"], failing.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PreviouslyFailing_SkippedLaterDoesNotClear_ErrorCounts_LatestFailuresFirst()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Failed("a-skipped-since"), Runs.Failed("b-fixed-then-broken"), Runs.Failed("c-only-then")]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Passed("a-skipped-since") with { Outcome = "skipped" }, Runs.Passed("b-fixed-then-broken")]), ct);
        await Save(store, Runs.Run("p", 3, "RED", [Runs.Failed("b-fixed-then-broken") with { Outcome = "error" }, Runs.Failed("z-new")]), ct);

        var failing = Value(await store.PreviouslyFailingAsync("p", ct));

        // Run 3's failures first (by suite and name), then run 1's whose later runs only skipped them or did not run them.
        Assert.Equal(["b-fixed-then-broken", "z-new", "a-skipped-since", "c-only-then"], failing.Select(t => t.Name));
    }

    [Fact]
    public async Task PreviouslyFailing_OrderedAsOrdinalStrings_NotByTheDatabaseCollation()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Failed("a-lower"), Runs.Failed("B-upper"), Runs.Failed("_under"), Runs.Failed("Z", suite: "P0-upper-suite")]), ct);

        var failing = Value(await store.PreviouslyFailingAsync("p", ct));

        // Ordinal: 'P' < 'p' for suites; 'B' (66) < '_' (95) < 'a' (97) for names.
        Assert.Equal(["P0-upper-suite/Z", "p1-critical/B-upper", "p1-critical/_under", "p1-critical/a-lower"], failing.Select(t => $"{t.Suite}/{t.Name}"));
    }

    [Fact]
    public async Task LastIteration_CountsTestsAndPreviouslyFailing_TakeTheRunsLastIterationAndLaterIterationsWin()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        // Iteration 1: "fixed" and "broke-late" ran, "fixed" failed. Iteration 2 reran them: "fixed" passed, "broke-late" failed.
        var run = Runs.Run("p", 1, "RED", [Runs.Failed("fixed"), Runs.Passed("broke-late"), Runs.Passed("only-first")]);
        var first = run.Iterations[0];
        run = run with
        {
            Iterations = [first, first with { Number = 2, Tests = [Runs.Passed("fixed"), Runs.Failed("broke-late")] }],
        };
        await Save(store, run, ct);

        var failing = Value(await store.PreviouslyFailingAsync("p", ct));
        var summary = Value(await store.RecentRunsAsync("p", 5, ct)).Single();
        var counts = Value(await store.RunTestCountsAsync(run.Id, ct));
        var read = new List<string>();
        Value(await store.ReadRunTestsAsync(run.Id, null, t => read.Add($"{t.Name}:{t.Outcome}"), ct));

        Assert.Equal(["broke-late"], failing.Select(t => t.Name));
        Assert.Equal((2, 1, 1), (summary.IterationCount, summary.Passed, summary.Failed));
        Assert.Equal((2, 1), counts);
        Assert.Equal(["broke-late:failed", "fixed:passed"], read);
    }

    [Fact]
    public async Task FlakyTests_FlipsAndRetryPasses_RankedByFlipRate()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Passed("flipper"), Runs.Passed("stable"), Runs.Passed("retried")]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Failed("flipper"), Runs.Passed("stable"), Runs.Passed("retried") with { Attempts = 2, Flaky = true }]), ct);
        await Save(store, Runs.Run("p", 3, "RED", [Runs.Passed("flipper"), Runs.Passed("stable"), Runs.Passed("retried")]), ct);

        var flaky = Value(await store.FlakyTestsAsync("p", 10, ct));

        Assert.Equal(["flipper", "retried"], flaky.Select(f => f.Name));
        Assert.Equal((3, 2, 1.0), (flaky[0].Runs, flaky[0].Flips, flaky[0].FlipRate));
        Assert.Equal(1, flaky[1].RetryPasses);
    }

    [Fact]
    public async Task LastSeen_SignatureInEarlierRuns_LatestSightingAndRunCount()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Failed("t")], [Runs.Cluster("sig-a", 2)]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Failed("t")], [Runs.Cluster("sig-a", 5)]), ct);
        await Save(store, Runs.Run("p", 3, "RED", [Runs.Failed("t")], [Runs.Cluster("sig-a", 1)]), ct);

        var seen = Value(await store.LastSeenAsync("p", "sig-a", "p-run-00003", ct));
        var never = Value(await store.LastSeenAsync("p", "sig-b", "", ct));

        Assert.Equal(new SignatureSighting("p-run-00002", Runs.Epoch.AddMinutes(2), 5, 2), seen);
        Assert.Null(never);
    }

    [Fact]
    public async Task SlowestTests_PassingDurations_MeanDescending()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "GREEN", [Runs.Passed("fast", 10), Runs.Passed("slow", 3000), Runs.Passed("mid", 500)]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Passed("fast", 30), Runs.Passed("slow", 5000), Runs.Failed("mid", 90000)]), ct);

        var slowest = Value(await store.SlowestTestsAsync("p", 10, 2, ct));

        Assert.Equal([new SlowTest("p1-critical", "slow", 4000, 5000, 2), new SlowTest("p1-critical", "mid", 500, 500, 1)], slowest);
    }

    [Fact]
    public async Task OpenClusters_LatestRun_WithRunsSeenAndFirstSeen()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "RED", [Runs.Failed("t")], [Runs.Cluster("old-and-open", 1), Runs.Cluster("resolved", 4)]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Failed("t")], [Runs.Cluster("old-and-open", 3), Runs.Cluster("new", 1)]), ct);

        var open = Value(await store.OpenClustersAsync("p", ct));

        Assert.Equal([new OpenCluster("old-and-open", "old-and-open", 3, 2, Runs.Epoch.AddMinutes(1)), new OpenCluster("new", "new", 1, 1, Runs.Epoch.AddMinutes(2))], open);
    }

    [Fact]
    public async Task LastPassed_TestPassedEarlier_ThatRunsStart()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        await Save(store, Runs.Run("p", 1, "GREEN", [Runs.Passed("t")]), ct);
        await Save(store, Runs.Run("p", 2, "RED", [Runs.Failed("t")]), ct);

        Assert.Equal(Runs.Epoch.AddMinutes(1), Value(await store.LastPassedAsync("p", new TestKey("p1-critical", "t"), "p-run-00002", ct)));
        Assert.Null(Value(await store.LastPassedAsync("p", new TestKey("p1-critical", "other"), "", ct)));
    }

    [Fact]
    public async Task SaveRun_TwoStoresWritingAtOnce_EveryRunKept()
    {
        var ct = Timeout();
        await using var first = await NewStoreAsync(ct);
        await using var second = await SecondStoreAsync(first, ct);
        var tests = Enumerable.Range(0, 30).Select(i => Runs.Passed($"t{i}")).ToList();

        async Task Write(IHistoryStore store, int from)
        {
            for (var i = from; i < from + 25; i++)
            {
                await Save(store, Runs.Run("p", i, "GREEN", tests, [Runs.Cluster($"sig-{i % 3}", 1)]), ct);
            }
        }

        await Task.WhenAll(Task.Run(() => Write(first, 0), ct), Task.Run(() => Write(second, 100), ct));

        var runs = Value(await first.RecentRunsAsync("p", 1000, ct));
        Assert.Equal(50, runs.Count);
        Assert.All(runs, r => Assert.Equal(30, r.Passed));
    }

    [Fact]
    public async Task Migrate_DatabaseCreatedAtV1_KeepsOldRunsAndAcceptsNewRecords()
    {
        var ct = Timeout();
        await using var store = await StoreMigratedFromV1Async("p", ct);

        var old = Assert.Single(Value(await store.RecentRunsAsync("p", 10, ct)));
        Assert.Equal(("v1-run", "RED", 1), (old.Id, old.Verdict, old.Failed));

        await Save(store, Runs.Run("p", 9, "RED", [Runs.Passed("t") with { Flaky = true, Attempts = 2 }], [Runs.Cluster("sig-v2", 1)]), ct);
        Assert.NotNull(Value(await store.LastSeenAsync("p", "sig-v2", "", ct)));
        Assert.Single(Value(await store.FlakyTestsAsync("p", 10, ct)));
    }

    [Fact]
    public async Task SaveRun_MoreTestsThanOneBatch_EveryTestOnceWithItsValues()
    {
        var ct = Timeout();
        await using var store = await NewStoreAsync(ct);
        // Two full batches and a partial one; one name repeated (kept once) and one test with a message and reasons in each kind of batch.
        var count = (2 * SqlHistoryStore.TestBatch) + 17;
        var tests = Enumerable.Range(0, count).Select(i => i % 97 == 5
            ? Runs.Failed($"t{i:D4}", ms: i) with { Reasons = ["zero-duration", "no-traffic"], Attempts = 2 }
            : Runs.Passed($"t{i:D4}", ms: i)).ToList();
        tests.Insert(3, Runs.Passed("t0001", ms: 99999));
        await Save(store, Runs.Run("p", 1, "RED", tests), ct);

        var saved = Value(await store.RunTestsAsync("p-run-00001", ct));
        var summary = Assert.Single(Value(await store.RecentRunsAsync("p", 10, ct)));

        Assert.Equal(count, saved.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"t{i:D4}"), saved.Select(t => t.Name));
        Assert.Equal(1, saved.Single(t => t.Name == "t0001").DurationMs);
        var failed = saved.Where(t => t.Outcome == "failed").ToList();
        Assert.Equal(Enumerable.Range(0, count).Count(i => i % 97 == 5), failed.Count);
        Assert.All(failed, t => Assert.Equal(("received 1011 (internal error) Internal error", 2, false), (t.Message, t.Attempts, t.Proven)));
        Assert.Equal(count - failed.Count, summary.Passed);
    }

    protected static async Task Save(IHistoryStore store, HistoryRun run, CancellationToken ct)
    {
        var saved = await store.SaveRunAsync(run, ct);
        Assert.True(saved.Succeeded, saved.Error);
    }

    protected static T Value<T>(HistoryResult<T> result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.Value!;
    }

    /// <summary>A run as v1 stored it (no attempts/flaky columns, no clusters).</summary>
    protected static readonly string[] V1Rows =
    [
        "INSERT INTO runs (id, project, started_ms, ended_ms, verdict, focus, iteration_count) VALUES ('v1-run', 'p', 1700000000000, 1700000060000, 'RED', 'all', 1)",
        "INSERT INTO iterations (run_id, number, started_ms, ended_ms, verdict) VALUES ('v1-run', 1, 1700000000000, 1700000060000, 'RED')",
        "INSERT INTO tests (run_id, iteration, suite, name, phase, outcome, duration_ms, proven, reasons, message, started_ms) VALUES ('v1-run', 1, 'p1-critical', 't', 'P1', 'failed', 12.5, 0, '', 'boom', NULL)",
    ];
}
