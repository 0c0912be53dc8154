using Greenlight.Runs.Sharding;

namespace Greenlight.Core.Tests.Runs.Sharding;

public sealed class ShardAssignerTests
{
    private static readonly IReadOnlyDictionary<string, double> NoHistory = new Dictionary<string, double>();

    private static List<string> Tests(int count) => [.. Enumerable.Range(1, count).Select(i => $"tests/test_api.py::test_{i}")];

    [Fact]
    public void Assign_NoHistory_BalancesByCountAndOwnsEveryTestOnce()
    {
        var tests = Tests(18);

        var shards = ShardAssigner.Assign(tests, NoHistory, 4);

        Assert.Equal(4, shards.Count);
        Assert.Equal([5, 5, 4, 4], shards.Select(s => s.Count).OrderDescending());
        Assert.Equal(tests.Order(StringComparer.Ordinal), shards.SelectMany(s => s).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Assign_SameTestsInAnotherOrder_SameShards()
    {
        var tests = Tests(30);
        var reversed = Enumerable.Reverse(tests).ToList();

        var first = ShardAssigner.Assign(tests, NoHistory, 4);
        var second = ShardAssigner.Assign(reversed, NoHistory, 4);

        for (var shard = 0; shard < 4; shard++)
        {
            Assert.Equal(first[shard].Order(StringComparer.Ordinal), second[shard].Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Assign_HistoryMedians_LongestFirstToTheLeastLoadedShard()
    {
        // One slow test and many quick ones: the slow one gets a shard to itself, the others share the rest evenly.
        var tests = Tests(13);
        var medians = tests.ToDictionary(t => t, t => t.EndsWith("::test_1", StringComparison.Ordinal) ? 12_000.0 : 1_000.0);

        var shards = ShardAssigner.Assign(tests, medians, 4);

        var loads = shards.Select(s => s.Sum(t => medians[t])).ToList();
        Assert.Contains(shards, s => s.SequenceEqual(["tests/test_api.py::test_1"]));
        Assert.Equal(12_000.0, loads.Max());
        Assert.Equal([4, 4, 4], shards.Where(s => !s.Contains("tests/test_api.py::test_1")).Select(s => s.Count));
    }

    [Fact]
    public void Assign_OneShard_OwnsEverything()
    {
        var tests = Tests(5);

        var shards = ShardAssigner.Assign(tests, NoHistory, 1);

        Assert.Equal(tests.Order(StringComparer.Ordinal), shards.Single().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StableHash_SameIdentity_SameValueEveryTime()
    {
        // SHA-256 of "a": ca978112ca1bbdca…; string.GetHashCode would differ between processes.
        Assert.Equal(0xca978112ca1bbdcaUL, ShardAssigner.StableHash("a"));
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    public void Parse_Valid_IndexAndCount(string text, int index, int count)
    {
        var (shard, error) = ShardSpec.Parse(text);

        Assert.Null(error);
        Assert.Equal(new ShardSpec(index, count), shard);
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("1/999")]
    public void Parse_Invalid_SaysWhatItWants(string text)
    {
        var (shard, error) = ShardSpec.Parse(text);

        Assert.Null(shard);
        Assert.Contains("I/N", error, StringComparison.Ordinal);
    }
}
