using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentChat.Backend.Agents;

public sealed record StatsResult(int Count, double Sum, double Mean, double Median, double Min, double Max, double StdDev);

/// <summary>The <c>compute_stats</c> tool: numbers found in text, and their summary statistics.</summary>
public static partial class Statistics
{
    public static IReadOnlyList<double> ParseNumbers(string text) =>
        [.. NumberPattern().Matches(text).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture))];

    public static StatsResult Compute(IReadOnlyList<double> numbers)
    {
        if (numbers.Count == 0)
        {
            throw new ArgumentException("compute_stats needs at least one number", nameof(numbers));
        }

        var sorted = numbers.Order().ToArray();
        var mean = sorted.Average();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var variance = sorted.Sum(x => (x - mean) * (x - mean)) / sorted.Length;
        return new StatsResult(sorted.Length, Round(sorted.Sum()), Round(mean), Round(median), sorted[0], sorted[^1], Round(Math.Sqrt(variance)));
    }

    public static JsonNode ToJson(StatsResult stats) => new JsonObject
    {
        ["count"] = stats.Count,
        ["sum"] = stats.Sum,
        ["mean"] = stats.Mean,
        ["median"] = stats.Median,
        ["min"] = stats.Min,
        ["max"] = stats.Max,
        ["stdDev"] = stats.StdDev,
    };

    /// <summary>Invariant, at most 4 decimals, no trailing zeros: 2.5, 3, -1.25.</summary>
    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    // A number is not part of a word: "e2e" and "v1" are not numbers.
    [GeneratedRegex(@"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.]*[A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
