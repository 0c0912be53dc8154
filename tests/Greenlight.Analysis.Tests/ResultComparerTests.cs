using Greenlight.Analysis.Comparison;
using Greenlight.Model;

namespace Greenlight.Analysis.Tests;

public sealed class ResultComparerTests
{
    private static TestSnapshot S(string name, TestStatus status) => new("p1", name, status);

    [Theory]
    [InlineData(TestStatus.Failed, TestStatus.Passed, TestChange.Fixed)]
    [InlineData(TestStatus.Passed, TestStatus.Failed, TestChange.Regressed)]
    [InlineData(TestStatus.Failed, TestStatus.Failed, TestChange.StillFailing)]
    [InlineData(TestStatus.Passed, TestStatus.Flaky, TestChange.NewlyFlaky)]
    [InlineData(TestStatus.Failed, TestStatus.Flaky, TestChange.NewlyFlaky)]
    [InlineData(TestStatus.Flaky, TestStatus.Flaky, TestChange.StillFlaky)]
    [InlineData(TestStatus.Flaky, TestStatus.Passed, TestChange.Fixed)]
    [InlineData(TestStatus.Passed, TestStatus.Unproven, TestChange.LostProof)]
    [InlineData(TestStatus.Passed, TestStatus.Skipped, TestChange.Skipped)]
    public void Compare_StatusPairs_Classified(TestStatus before, TestStatus after, TestChange change) =>
        Assert.Equal(change, ResultComparer.Compare([S("t", before)], [S("t", after)], [], []).Tests.Single().Change);

    [Fact]
    public void Compare_UnchangedTests_CountedNotListed()
    {
        var before = Enumerable.Range(0, 1000).Select(i => S($"t{i}", TestStatus.Passed)).Append(S("f", TestStatus.Passed)).ToList();
        var after = Enumerable.Range(0, 1000).Select(i => S($"t{i}", TestStatus.Passed)).Append(S("f", TestStatus.Failed)).ToList();

        var comparison = ResultComparer.Compare(before, after, [], []);

        Assert.Equal([("f", TestChange.Regressed)], comparison.Tests.Select(t => (t.Name, t.Change)));
        Assert.Equal((1000, 1000, 1), (comparison.Unchanged, comparison.Count(TestChange.Unchanged), comparison.Count(TestChange.Regressed)));
    }

    [Fact]
    public void Compare_Iterations_TableLikeReference4OrderedByUrgency()
    {
        // The pending_auth incident (1011 closes after a deploy) → fix → 3/3 pass, with one new test and one that regressed.
        var before = new[] { S("001_websocket_connection", TestStatus.Failed), S("002_websocket_authentication", TestStatus.Failed), S("003_message_send", TestStatus.Passed), S("004_concurrent", TestStatus.Passed) };
        var after = new[] { S("001_websocket_connection", TestStatus.Passed), S("002_websocket_authentication", TestStatus.Flaky), S("003_message_send", TestStatus.Failed), S("005_agent_discovery", TestStatus.Passed) };

        var comparison = ResultComparer.Compare(before, after,
            [new ClusterSnapshot("received 1011", "received 1011 (internal error) Internal error", 2), new ClusterSnapshot("handshake", "TimeoutError: timed out during opening handshake", 1)],
            [new ClusterSnapshot("received 1011", "received 1011 (internal error) Internal error", 1), new ClusterSnapshot("503", "expected 200, got 503", 1)]);

        Assert.Equal(
            [("003_message_send", TestChange.Regressed), ("002_websocket_authentication", TestChange.NewlyFlaky), ("001_websocket_connection", TestChange.Fixed), ("005_agent_discovery", TestChange.New), ("004_concurrent", TestChange.NotRun)],
            comparison.Tests.Select(t => (t.Name, t.Change)));
        Assert.Equal(
            [("503", ClusterChange.New), ("received 1011", ClusterChange.Persisting), ("handshake", ClusterChange.Resolved)],
            comparison.Clusters.Select(c => (c.Signature, c.Change)));
        Assert.Equal((2, 1), (comparison.Clusters[1].BeforeCount, comparison.Clusters[1].AfterCount));
    }

    [Fact]
    public void Render_Comparison_MarkdownRowsWithoutUnchanged()
    {
        var comparison = ResultComparer.Compare([S("a", TestStatus.Failed), S("b", TestStatus.Passed)], [S("a", TestStatus.Passed), S("b", TestStatus.Passed)],
            [new ClusterSnapshot("k", "received 1011 | closed", 1)], []);

        var markdown = ComparisonMarkdown.Render(comparison, "iteration 1", "iteration 2");

        Assert.Equal(
            "| test | iteration 1 | iteration 2 | change |\n|---|---|---|---|\n| p1 / a | failed | passed | fixed |\n\n1 test(s) unchanged.\n\n" +
            "| cluster | iteration 1 | iteration 2 | change |\n|---|---|---|---|\n| received 1011 \\| closed | 1 | 0 | resolved |\n",
            markdown);
    }

    [Fact]
    public void Render_NothingChanged_SaysSoWithoutAnEmptyTable()
    {
        var comparison = ResultComparer.Compare([S("a", TestStatus.Passed)], [S("a", TestStatus.Passed)], [], []);

        Assert.Equal("All 1 test(s) unchanged.\n", ComparisonMarkdown.Render(comparison, "last run", "this run"));
    }

    [Fact]
    public void Render_TestsNotRun_OneLineWithACount_AFewFailingOnesStayRows()
    {
        // 311 passing tests that did not run: one line, not 311 rows; the one failing test that stopped running stays a row.
        var before = Enumerable.Range(0, 311).Select(i => S($"t{i}", TestStatus.Passed)).Append(S("broken", TestStatus.Failed)).Append(S("x", TestStatus.Failed)).ToList();
        var comparison = ResultComparer.Compare(before, [S("x", TestStatus.Passed)], [], []);

        Assert.Equal(
            "| test | last run | this run | change |\n|---|---|---|---|\n| p1 / x | failed | passed | fixed |\n| p1 / broken | failed | — | not run |\n\n"
            + "311 test(s) not run in this run (they ran in last run).\n",
            ComparisonMarkdown.Render(comparison, "last run", "this run"));
    }

    [Fact]
    public void Render_ManyFailingTestsNotRun_CollapsedWithHowManyWereFailing()
    {
        var before = Enumerable.Range(0, 12).Select(i => S($"f{i}", TestStatus.Failed)).Append(S("p", TestStatus.Passed)).ToList();
        var comparison = ResultComparer.Compare(before, [], [], []);

        Assert.Equal("13 test(s) not run in this run (they ran in last run; 12 of them failing there).\n", ComparisonMarkdown.Render(comparison, "last run", "this run"));
    }

    [Fact]
    public void Resolve_FailThenPassOnRetry_FlakyNeverPassedAndKeepsFailure()
    {
        var first = new TestCaseResult { Name = "t", Outcome = TestOutcome.Failed, Message = "TimeoutError: timed out during opening handshake" };
        var retry = new TestCaseResult { Name = "t", Outcome = TestOutcome.Passed };

        var resolved = RetryResolver.Resolve(first, [retry]);

        Assert.Equal(TestStatus.Flaky, resolved.Status);
        Assert.Equal(2, resolved.Attempts);
        Assert.Same(first, resolved.Result);
    }

    [Theory]
    [InlineData(TestOutcome.Failed, new[] { TestOutcome.Failed, TestOutcome.Error }, TestStatus.Failed)]
    [InlineData(TestOutcome.Error, new[] { TestOutcome.Failed, TestOutcome.Passed }, TestStatus.Flaky)]
    [InlineData(TestOutcome.Passed, new TestOutcome[0], TestStatus.Passed)]
    [InlineData(TestOutcome.Skipped, new TestOutcome[0], TestStatus.Skipped)]
    public void Resolve_Attempts_Status(TestOutcome first, TestOutcome[] retries, TestStatus expected) =>
        Assert.Equal(expected, RetryResolver.Resolve(
            new TestCaseResult { Name = "t", Outcome = first },
            [.. retries.Select(o => new TestCaseResult { Name = "t", Outcome = o })]).Status);

    [Fact]
    public void Resolve_UnprovenPass_Unproven() =>
        Assert.Equal(TestStatus.Unproven, RetryResolver.Resolve(new TestCaseResult { Name = "t", Outcome = TestOutcome.Passed }, [], proven: false).Status);
}
