using Greenlight.Model;
using Greenlight.Runs.History;
using Greenlight.Runs.Testing;

namespace Greenlight.Core.Tests.Runs;

public sealed class MissingTestsTests
{
    private static readonly SuiteRecord Suite = new() { Id = "api", Priority = "P1", Runner = "command", Outcome = StageOutcome.Passed };

    private static TestRecord Test(string name) => new() { Suite = "api", Name = name, Outcome = TestOutcome.Passed };

    private static PreviousRun Previous(params (string Name, TestStatus Status)[] tests) =>
        new("20261130-101010-abcd", DateTimeOffset.UnixEpoch, "GREEN", new ListedPreviousTests([.. tests.Select(t => new TestSnapshot("api", t.Name, t.Status)), new TestSnapshot("other", "gone", TestStatus.Passed)]), []);

    [Fact]
    public async Task Check_PassedLastTimeAndAbsentNow_DoubtedByName()
    {
        var checkedSuite = (await MissingTests.CheckAsync(Suite, [Test("a")], [], Previous(("a", TestStatus.Passed), ("b", TestStatus.Passed), ("c", TestStatus.Failed)), TestContext.Current.CancellationToken)).Suite;

        Assert.Equal(["missing-tests"], checkedSuite.ProofReasons);
        Assert.Equal("missing-tests: 1 test(s) that passed in run 20261130-101010-abcd are missing from this run's report: b", checkedSuite.ProofEvidence.Single());
    }

    [Fact]
    public async Task Check_EveryEarlierPassPresent_NoDoubt()
    {
        var checkedSuite = (await MissingTests.CheckAsync(Suite, [Test("a"), Test("b")], [], Previous(("a", TestStatus.Passed), ("b", TestStatus.Passed)), TestContext.Current.CancellationToken)).Suite;

        Assert.Empty(checkedSuite.ProofReasons);
    }

    [Fact]
    public async Task Check_NoEarlierRun_NoDoubt()
    {
        Assert.Empty((await MissingTests.CheckAsync(Suite, [Test("a")], [], null, TestContext.Current.CancellationToken)).Suite.ProofReasons);
    }

    [Fact]
    public async Task Check_DefinedButNotReported_NamedEvenWithoutAnEarlierRun()
    {
        var checkedSuite = (await MissingTests.CheckAsync(Suite, [Test("GetItem.status is 200")], ["GetItem.status is 200", "GetItem.name is set", "CreateItem.status is 201"], null, TestContext.Current.CancellationToken)).Suite;

        Assert.Equal(["missing-tests"], checkedSuite.ProofReasons);
        Assert.Equal("missing-tests: 2 of the 3 test(s) the suite defines are missing from its report: GetItem.name is set, CreateItem.status is 201",
            checkedSuite.ProofEvidence.Single());
    }

    [Fact]
    public async Task Check_DefinedAndPassedLastTime_NamedOnceAsDefined()
    {
        var checkedSuite = (await MissingTests.CheckAsync(Suite, [Test("a")], ["a", "b"], Previous(("a", TestStatus.Passed), ("b", TestStatus.Passed)), TestContext.Current.CancellationToken)).Suite;

        Assert.Equal("missing-tests: 1 of the 2 test(s) the suite defines are missing from its report: b", checkedSuite.ProofEvidence.Single());
    }

    [Fact]
    public async Task CheckAsync_ManyGone_CountsThemAllAndNamesTheFirstTen()
    {
        var earlier = Enumerable.Range(0, 25).Select(i => ($"t{i:00}", TestStatus.Passed)).ToArray();

        var checkedSuite = (await MissingTests.CheckAsync(Suite, [Test("t00")], [], Previous(earlier), TestContext.Current.CancellationToken)).Suite;

        Assert.Equal("missing-tests: 24 test(s) that passed in run 20261130-101010-abcd are missing from this run's report: "
            + "t01, t02, t03, t04, t05, t06, t07, t08, t09, t10 and 14 more", checkedSuite.ProofEvidence.Single());
    }

    [Fact]
    public async Task CheckAsync_LastRunUnreadable_NoDoubtButTheProblemSaysSo()
    {
        var previous = new PreviousRun("20261130-101010-abcd", DateTimeOffset.UnixEpoch, "GREEN", new UnreadableTests(), []);

        var (checkedSuite, problem) = await MissingTests.CheckAsync(Suite, [Test("a")], [], previous, TestContext.Current.CancellationToken);

        Assert.Empty(checkedSuite.ProofReasons);
        Assert.Equal("history not read for the missing-tests check of api: database is locked", problem);
    }

    private sealed class UnreadableTests : IPreviousTests
    {
        public int Count => 3;

        public int Failed => 0;

        public Task<HistoryAnswer<int>> ReadAsync(string? suite, Action<TestSnapshot> visit, CancellationToken cancellationToken) =>
            Task.FromResult(HistoryAnswer<int>.Fail("database is locked"));
    }
}
