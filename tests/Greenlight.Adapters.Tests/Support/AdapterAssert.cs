using Greenlight.Model;
using Greenlight.Traffic;

namespace Greenlight.Adapters.Tests.Support;

/// <summary>The checks every runner's suite must pass, whatever the runner.</summary>
internal static class AdapterAssert
{
    /// <summary>The suite ran clean, and each request the proxy saw named the test that made it.</summary>
    public static void EveryRequestNamesItsTest(AdapterSuiteFixture run, params string[] expectedTests)
    {
        Assert.True(run.Result.Problems.Count == 0 && run.Result.ExitCode == 0, $"exit {run.Result.ExitCode}; problems: {string.Join(" | ", run.Result.Problems)}\n{run.Output}\n{run.ResultsText}");
        Assert.Equal(expectedTests.Order(StringComparer.Ordinal), run.Records.Select(r => r.Test ?? "(no header)").Order(StringComparer.Ordinal));
        Assert.All(run.Records, r => Assert.Equal(r.Method == "POST" ? 201 : 200, r.Status));
        // The run folder's traffic.jsonl carries the same names.
        var (written, problems) = TrafficJson.ReadFile(run.TrafficPath);
        Assert.Empty(problems);
        Assert.Equal(run.Records.Select(r => r.Test), written.Select(r => r.Test));
    }

    /// <summary>Each honest case got exactly its own requests through the header.</summary>
    public static void HonestCasesHaveTheirRequests(IReadOnlyDictionary<string, IReadOnlyList<TrafficRecord>> attributed, IReadOnlyDictionary<string, int> expected)
    {
        foreach (var (test, count) in expected)
        {
            Assert.True(attributed.ContainsKey(test), $"no case '{test}' in the report; cases: {string.Join(", ", attributed.Keys)}");
            Assert.Equal(count, attributed[test].Count);
        }
    }

    /// <summary>The fake passed, its request really happened, and none of the recorded traffic is tied to it.</summary>
    public static void StubTestHasNoTraffic(AdapterSuiteFixture run, IReadOnlyDictionary<string, IReadOnlyList<TrafficRecord>> attributed, string stubTest)
    {
        Assert.Equal(TestOutcome.Passed, Assert.Single(run.Result.Cases, c => c.FullName == stubTest).Outcome);
        Assert.True(run.StubHits >= 1, "the stub test never reached the stub");
        Assert.Empty(attributed[stubTest]);
    }

    public static void EmptyTestHasNoTraffic(AdapterSuiteFixture run, IReadOnlyDictionary<string, IReadOnlyList<TrafficRecord>> attributed, string emptyTest)
    {
        Assert.Equal(TestOutcome.Passed, Assert.Single(run.Result.Cases, c => c.FullName == emptyTest).Outcome);
        Assert.Empty(attributed[emptyTest]);
    }
}
