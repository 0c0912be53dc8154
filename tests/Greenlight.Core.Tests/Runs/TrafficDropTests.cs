using Greenlight.Model;
using Greenlight.Runs.History;
using Greenlight.Runs.Testing;

namespace Greenlight.Core.Tests.Runs;

public sealed class TrafficDropTests
{
    private static readonly SuiteRecord Suite = new() { Id = "api", Priority = "P1", Runner = "newman", Outcome = StageOutcome.Passed, Requests = 3 };

    private static TestRecord Pass(string name) => new() { Suite = "api", Name = name, Outcome = TestOutcome.Passed, ProofLevel = ProofLevel.Suite };

    private static PreviousRun Previous(int requests, params (string Name, TestStatus Status)[] tests) =>
        new("20261130-101010-abcd", DateTimeOffset.UnixEpoch, "GREEN", new ListedPreviousTests([.. tests.Select(t => new TestSnapshot("api", t.Name, t.Status)), new TestSnapshot("other", "x", TestStatus.Failed)]), [])
        {
            SuiteRequests = new Dictionary<string, int> { ["api"] = requests },
        };

    [Fact]
    public async Task CheckAsync_SamePassingTestsFewerRequests_DoubtedWithBothCounts()
    {
        var (suite, problem) = await TrafficDrop.CheckAsync(Suite, [Pass("a"), Pass("b")], Previous(9, ("a", TestStatus.Passed), ("b", TestStatus.Passed)), TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal(["no-traffic"], suite.ProofReasons);
        Assert.StartsWith("no-traffic: the recording proxies saw 3 request(s) during the suite, 9 in run 20261130-101010-abcd with the same 2 passing test(s)", suite.ProofEvidence.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", "Passed", "c", "Passed")] // another test than last time
    [InlineData("a", "Passed", "b", "Failed")] // one failed last time
    public async Task CheckAsync_OtherTestsOrAFailureLastTime_NoDoubt(string first, string firstStatus, string second, string secondStatus)
    {
        var previous = Previous(9, (first, Enum.Parse<TestStatus>(firstStatus)), (second, Enum.Parse<TestStatus>(secondStatus)));

        var (suite, _) = await TrafficDrop.CheckAsync(Suite, [Pass("a"), Pass("b")], previous, TestContext.Current.CancellationToken);

        Assert.Empty(suite.ProofReasons);
    }

    [Fact]
    public async Task CheckAsync_LastRunHadFewerTests_NoDoubt()
    {
        var (suite, _) = await TrafficDrop.CheckAsync(Suite, [Pass("a"), Pass("b")], Previous(9, ("a", TestStatus.Passed)), TestContext.Current.CancellationToken);

        Assert.Empty(suite.ProofReasons);
    }
}
