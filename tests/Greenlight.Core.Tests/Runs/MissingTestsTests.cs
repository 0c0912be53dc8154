using Greenlight.Model;
using Greenlight.Runs.History;
using Greenlight.Runs.Testing;

namespace Greenlight.Core.Tests.Runs;

public sealed class MissingTestsTests
{
    private static readonly SuiteRecord Suite = new() { Id = "api", Priority = "P1", Runner = "command", Outcome = StageOutcome.Passed };

    private static TestRecord Test(string name) => new() { Suite = "api", Name = name, Outcome = TestOutcome.Passed };

    private static PreviousRun Previous(params (string Name, TestStatus Status)[] tests) =>
        new("20261130-101010-abcd", DateTimeOffset.UnixEpoch, "GREEN", [.. tests.Select(t => new TestSnapshot("api", t.Name, t.Status)), new TestSnapshot("other", "gone", TestStatus.Passed)], []);

    [Fact]
    public void Check_PassedLastTimeAndAbsentNow_DoubtedByName()
    {
        var checkedSuite = MissingTests.Check(Suite, [Test("a")], [], Previous(("a", TestStatus.Passed), ("b", TestStatus.Passed), ("c", TestStatus.Failed)));

        Assert.Equal(["missing-tests"], checkedSuite.ProofReasons);
        Assert.Equal("missing-tests: 1 test(s) that passed in run 20261130-101010-abcd are missing from this run's report: b", checkedSuite.ProofEvidence.Single());
    }

    [Fact]
    public void Check_EveryEarlierPassPresent_NoDoubt()
    {
        var checkedSuite = MissingTests.Check(Suite, [Test("a"), Test("b")], [], Previous(("a", TestStatus.Passed), ("b", TestStatus.Passed)));

        Assert.Empty(checkedSuite.ProofReasons);
    }

    [Fact]
    public void Check_NoEarlierRun_NoDoubt()
    {
        Assert.Empty(MissingTests.Check(Suite, [Test("a")], [], null).ProofReasons);
    }

    [Fact]
    public void Check_DefinedButNotReported_NamedEvenWithoutAnEarlierRun()
    {
        var checkedSuite = MissingTests.Check(Suite, [Test("GetItem.status is 200")], ["GetItem.status is 200", "GetItem.name is set", "CreateItem.status is 201"], null);

        Assert.Equal(["missing-tests"], checkedSuite.ProofReasons);
        Assert.Equal("missing-tests: 2 of the 3 test(s) the suite defines are missing from its report: GetItem.name is set, CreateItem.status is 201",
            checkedSuite.ProofEvidence.Single());
    }

    [Fact]
    public void Check_DefinedAndPassedLastTime_NamedOnceAsDefined()
    {
        var checkedSuite = MissingTests.Check(Suite, [Test("a")], ["a", "b"], Previous(("a", TestStatus.Passed), ("b", TestStatus.Passed)));

        Assert.Equal("missing-tests: 1 of the 2 test(s) the suite defines are missing from its report: b", checkedSuite.ProofEvidence.Single());
    }
}
