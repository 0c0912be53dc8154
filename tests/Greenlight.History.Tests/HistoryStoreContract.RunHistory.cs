using Greenlight.Model;

namespace Greenlight.History.Tests;

/// <summary>The pipeline's view of the store (<see cref="RunHistory"/>): a run record saved, then read back as "the last run".</summary>
public abstract partial class HistoryStoreContract
{
    private static RunRecord Record(string id, DateTimeOffset started, params TestRecord[] tests) => new()
    {
        RunId = id, Project = "p", ConfigPath = "greenlight.yaml", StartedAt = started, EndedAt = started.AddMinutes(1), Verdict = Verdict.Red,
        Suites = [new SuiteRecord { Id = "api", Priority = "P1", Runner = "pytest", Requests = 7 }, new SuiteRecord { Id = "offline", Priority = "P2", Runner = "command" }],
        Tests = tests,
        Clusters =
        [
            new ClusterRecord
            {
                Signature = "expected 200, got 500", Title = "expected 200, got 500", Count = 1,
                Evidence = [new EvidenceLineRecord("api", started.AddSeconds(5), "error", "ValueError: Invalid card token format: pending_auth", 1, ["error"])],
            },
        ],
    };

    [Fact]
    public async Task RunHistory_SavedRecord_IsTheNextRunsPreviousRunWithTestsAndClusters()
    {
        var ct = Timeout();
        await using var history = new RunHistory(await NewStoreAsync(ct));
        var first = Record("run-1", Runs.Epoch,
            new TestRecord { Suite = "api", Name = "t.ok", Outcome = TestOutcome.Passed, DurationMs = 300, Proven = true },
            new TestRecord { Suite = "api", Name = "t.charge", Outcome = TestOutcome.Failed, DurationMs = 90, Message = "assert 500 == 200" },
            new TestRecord { Suite = "api", Name = "t.warmup", Outcome = TestOutcome.Failed, Flaky = true, Attempts = 2 });

        var saved = await history.SaveAsync(first, ct);
        var previous = (await history.PreviousRunAsync("p", "run-2", ct)).Value!.Run!;
        var medians = new Dictionary<string, TimeSpan>();
        await history.ReadMedianPassingDurationsAsync("p", "api", 5, "run-2", (name, m) => medians[name] = m, ct);
        var median = medians.GetValueOrDefault("t.ok");
        var failing = (await history.PreviouslyFailingAsync("p", ct)).Value!;

        Assert.True(saved.Succeeded, saved.Error);
        Assert.Equal(("run-1", "RED"), (previous.RunId, previous.Verdict));
        // Each suite's request count comes back; a suite with no proxy recording has none.
        Assert.Equal(new Dictionary<string, int> { ["api"] = 7 }, previous.SuiteRequests);
        // The tests stay in the store: each reading goes back to it, in (suite, name) order.
        Assert.Equal(
            [new TestSnapshot("api", "t.charge", TestStatus.Failed), new TestSnapshot("api", "t.ok", TestStatus.Passed), new TestSnapshot("api", "t.warmup", TestStatus.Flaky)],
            await ReadAllAsync(previous.Tests, null, ct));
        Assert.Equal((3, 2), (previous.Tests.Count, previous.Tests.Failed));
        Assert.Equal([new ClusterSnapshot("expected 200, got 500", "expected 200, got 500", 1)], previous.Clusters);
        Assert.Equal(TimeSpan.FromMilliseconds(300), median);
        Assert.Equal([("api", "t.charge"), ("api", "t.warmup")], failing.Order());
    }

    [Fact]
    public async Task RunHistory_PreviousTests_ReadBySuiteFromTheLastIterationOnly()
    {
        var ct = Timeout();
        await using var history = new RunHistory(await NewStoreAsync(ct));
        var first = Record("run-1", Runs.Epoch,
            new TestRecord { Suite = "offline", Name = "z.last", Outcome = TestOutcome.Skipped },
            new TestRecord { Suite = "api", Name = "b", Outcome = TestOutcome.Passed, Proven = false },
            new TestRecord { Suite = "api", Name = "a", Outcome = TestOutcome.Error, Message = "boom" });
        await history.SaveAsync(first, ct);
        var previous = (await history.PreviousRunAsync("p", "run-2", ct)).Value!.Run!;

        var api = await ReadAllAsync(previous.Tests, "api", ct);
        var none = await ReadAllAsync(previous.Tests, "no-such-suite", ct);

        Assert.Equal([new TestSnapshot("api", "a", TestStatus.Failed), new TestSnapshot("api", "b", TestStatus.Unproven)], api);
        Assert.Empty(none);
        Assert.Equal((3, 1), (previous.Tests.Count, previous.Tests.Failed));
    }

    private static async Task<List<TestSnapshot>> ReadAllAsync(Greenlight.Runs.History.IPreviousTests tests, string? suite, CancellationToken ct)
    {
        var read = new List<TestSnapshot>();
        var answer = await tests.ReadAsync(suite, read.Add, ct);
        Assert.True(answer.Succeeded, answer.Error);
        Assert.Equal(read.Count, answer.Value);
        return read;
    }

    [Fact]
    public async Task RunHistory_OnlyTheCurrentRunSaved_NoPreviousRun()
    {
        var ct = Timeout();
        await using var history = new RunHistory(await NewStoreAsync(ct));
        await history.SaveAsync(Record("run-1", Runs.Epoch), ct);

        var previous = await history.PreviousRunAsync("p", "run-1", ct);

        Assert.True(previous.Succeeded, previous.Error);
        Assert.Equal((null, 0), (previous.Value!.Run, previous.Value.Skipped.Count));
    }

    [Fact]
    public async Task RunHistory_LaterRunsWithoutTests_SkippedAndNamed_PreviousIsTheLastRunThatRanTests()
    {
        var ct = Timeout();
        await using var history = new RunHistory(await NewStoreAsync(ct));
        var ran = Record("run-1", Runs.Epoch,
            new TestRecord { Suite = "api", Name = "t.ok", Outcome = TestOutcome.Passed, Proven = true },
            new TestRecord { Suite = "api", Name = "t.charge", Outcome = TestOutcome.Failed, Message = "assert 500 == 200" });
        await history.SaveAsync(ran, ct);
        // A run whose services never came up, then one whose suites were all skipped: neither ran a test.
        await history.SaveAsync(Record("run-2", Runs.Epoch.AddHours(1)) with { Verdict = Verdict.Blocked, Clusters = [] }, ct);
        await history.SaveAsync(Record("run-3", Runs.Epoch.AddHours(2),
            new TestRecord { Suite = "api", Name = "t.ok", Outcome = TestOutcome.Skipped }) with { Verdict = Verdict.Unproven, Clusters = [] }, ct);

        var previous = await history.PreviousRunAsync("p", "run-4", ct);

        Assert.True(previous.Succeeded, previous.Error);
        Assert.Equal(("run-1", "RED"), (previous.Value!.Run!.RunId, previous.Value.Run.Verdict));
        Assert.Equal([new TestSnapshot("api", "t.charge", TestStatus.Failed), new TestSnapshot("api", "t.ok", TestStatus.Passed)], await ReadAllAsync(previous.Value.Run.Tests, null, ct));
        Assert.Equal(["run run-3 skipped: UNPROVEN, no tests ran (every suite not run or skipped)", "run run-2 skipped: BLOCKED, no tests ran"], previous.Value.Skipped);
    }

    [Fact]
    public async Task RunHistory_OnlyRunsWithoutTests_NoPreviousRun_SkippedRunsStillNamed()
    {
        var ct = Timeout();
        await using var history = new RunHistory(await NewStoreAsync(ct));
        await history.SaveAsync(Record("run-1", Runs.Epoch) with { Verdict = Verdict.Blocked, Clusters = [] }, ct);

        var previous = await history.PreviousRunAsync("p", "run-2", ct);

        Assert.True(previous.Succeeded, previous.Error);
        Assert.Null(previous.Value!.Run);
        Assert.Equal(["run run-1 skipped: BLOCKED, no tests ran"], previous.Value.Skipped);
    }
}
