using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Runs.Sharding;

namespace Greenlight.Core.Tests.Runs.Sharding;

public sealed class ShardMergeTests
{
    private static readonly SuiteConfig Api = new() { Id = "api", Priority = 1, Runner = "pytest", Path = "/t" };
    private static readonly RunPlan Plan = new("all", "everything", [new PlannedPhase(1, [Api])]);
    private static readonly ShardPlan TwoShards = new()
    {
        Shards = 2,
        Suites = [new ShardSuitePlan("api", [["t.py::test_a", "t.py::test_b"], ["t.py::test_c"]], [])],
    };

    private static ShardReport Report(int shard, params string[] passed) => new()
    {
        Shard = shard, Shards = 2, Complete = true,
        Suites = [new SuiteRecord { Id = "api", Priority = "P1", Runner = "pytest", Total = passed.Length, Passed = passed.Length, Requests = passed.Length, Outcome = StageOutcome.Passed, DurationMs = 100 * shard }],
        Tests = [.. passed.Select(t => new TestRecord { Suite = "api", Name = t, Outcome = TestOutcome.Passed, Proven = true, Requests = 1 })],
    };

    [Fact]
    public void Merge_EveryShardReported_OneSuiteWithTheSummedCounts()
    {
        var merged = ShardMerge.Merge(Plan, TwoShards, new Dictionary<int, ShardReport> { [1] = Report(1, "t.test_a", "t.test_b"), [2] = Report(2, "t.test_c") }, "");

        var suite = Assert.Single(merged.Suites);
        Assert.Equal((3, 3, 3, StageOutcome.Passed), (suite.Total, suite.Passed, suite.Requests, suite.Outcome));
        Assert.Empty(suite.Problems);
        Assert.Equal(200, suite.DurationMs);
        Assert.Equal(3, merged.Tests.Count);
        Assert.Equal(StageOutcome.Passed, Assert.Single(merged.Phases).Outcome);
    }

    [Fact]
    public void Merge_ShardNeverReported_UnprovenNamingTheShardAndItsTests()
    {
        var merged = ShardMerge.Merge(Plan, TwoShards, new Dictionary<int, ShardReport> { [2] = Report(2, "t.test_c") }, "`greenlight finish` waited 10 s for it");

        var suite = Assert.Single(merged.Suites);
        Assert.Equal(StageOutcome.Unproven, suite.Outcome);
        var problem = Assert.Single(suite.Problems);
        Assert.Contains("shard 1/2 never reported (`greenlight finish` waited 10 s for it)", problem, StringComparison.Ordinal);
        Assert.Contains("t.py::test_a, t.py::test_b", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ShardReportedFewerTestsThanItOwned_UnprovenNamingIt()
    {
        var merged = ShardMerge.Merge(Plan, TwoShards, new Dictionary<int, ShardReport> { [1] = Report(1, "t.test_a"), [2] = Report(2, "t.test_c") }, "");

        var suite = Assert.Single(merged.Suites);
        Assert.Equal(StageOutcome.Unproven, suite.Outcome);
        Assert.Contains(suite.Problems, p => p.StartsWith("shard 1/2 reported 1 of its 2 tests", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_ShardInterrupted_PartialResultsNamed()
    {
        var cut = Report(1, "t.test_a", "t.test_b") with { Complete = false, Stop = "interrupted" };

        var merged = ShardMerge.Merge(Plan, TwoShards, new Dictionary<int, ShardReport> { [1] = cut, [2] = Report(2, "t.test_c") }, "");

        Assert.Contains(Assert.Single(merged.Suites).Problems, p => p.StartsWith("shard 1/2 reported partial results (interrupted)", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_NoShardEverStarted_SuiteNotRun()
    {
        var merged = ShardMerge.Merge(Plan, null, new Dictionary<int, ShardReport>(), "`greenlight finish` waited 10 s for it");

        var suite = Assert.Single(merged.Suites);
        Assert.Equal(StageOutcome.NotRun, suite.Outcome);
        Assert.Contains("no shard ever reported", Assert.Single(suite.Problems), StringComparison.Ordinal);
    }
}
