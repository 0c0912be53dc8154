using System.Text.Json.Nodes;
using AgentChat.Backend.Agents;

namespace AgentChat.Tests.Unit;

public sealed class ToolTests
{
    [Fact]
    public void ParseNumbers_MixedText_FindsDecimalsButNotWordParts()
    {
        var numbers = Statistics.ParseNumbers("stats for 1, 2.5 and -3 please, not e2e-user-001 or v1");

        Assert.Equal([1, 2.5, -3], numbers);
    }

    [Fact]
    public void Compute_KnownList_ExactStatistics()
    {
        var stats = Statistics.Compute([4, 1, 3, 2]);

        Assert.Equal(new StatsResult(4, 10, 2.5, 2.5, 1, 4, 1.118), stats);
    }

    [Fact]
    public void Compute_OddCount_MedianIsMiddleValue()
    {
        Assert.Equal(5, Statistics.Compute([9, 1, 5]).Median);
    }

    [Fact]
    public void Compute_Empty_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Statistics.Compute([]));
    }

    [Theory]
    [InlineData(2.5, "2.5")]
    [InlineData(3, "3")]
    [InlineData(1.11803, "1.118")]
    [InlineData(-0.25, "-0.25")]
    public void Format_Numbers_InvariantWithoutTrailingZeros(double value, string expected)
    {
        Assert.Equal(expected, Statistics.Format(value));
    }

    [Theory]
    [InlineData("websocket", "cat-websocket-protocol")]
    [InlineData("Tell me about JWT", "cat-jwt-tokens")]
    [InlineData("sqlite", "cat-sqlite-wal")]
    public void Search_DocumentedQueries_FindDocumentedFirstMatch(string query, string firstId)
    {
        var matches = Catalog.LoadBundled().Search(query);

        Assert.Equal(firstId, matches[0].Id);
        Assert.True(matches.Count <= Catalog.MaxResults);
    }

    [Fact]
    public void Search_NothingMatches_Empty()
    {
        var catalog = Catalog.LoadBundled();

        Assert.Empty(catalog.Search("zebra quasar"));
        Assert.Equal(12, catalog.Entries.Count);
        Assert.Equal("""{"matches":[]}""", Catalog.ToJson([]).ToJsonString());
    }

    [Theory]
    [InlineData("average of 3 and 4", "data-helper")]
    [InlineData("compute STATISTICS please", "data-helper")]
    [InlineData("1 2 3", "data-helper")]
    [InlineData("what is a websocket", "researcher")]
    public void Route_Input_PicksDocumentedTarget(string input, string target)
    {
        Assert.Equal(target, TriageAgent.Route(input).Target);
    }

    [Theory]
    [InlineData("one two  three", new[] { "one ", "two  ", "three" })]
    [InlineData("single", new[] { "single" })]
    [InlineData("trailing ", new[] { "trailing " })]
    public void Chunks_Text_WordsKeepTheirWhitespaceAndJoinBack(string text, string[] expected)
    {
        var chunks = RunContext.Chunks(text).ToArray();

        Assert.Equal(expected, chunks);
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void ToJson_Stats_HasDocumentedFields()
    {
        var json = (JsonObject)Statistics.ToJson(Statistics.Compute([1, 2]));

        Assert.Equal(["count", "sum", "mean", "median", "min", "max", "stdDev"], json.Select(p => p.Key));
    }
}
