using System.Text.Json.Nodes;

namespace AgentChat.Backend.Agents;

/// <summary>Finds the numbers in the request and answers with their statistics.</summary>
public sealed class DataHelperAgent : IAgent
{
    public const string Id = "data-helper";

    public string AgentId => Id;

    public IReadOnlyList<string> ToolNames { get; } = ["compute_stats"];

    public IReadOnlyList<string> HandoffTargets { get; } = [];

    public async Task RunAsync(RunContext run, string input, CancellationToken cancellationToken)
    {
        await run.ThinkAsync("Looking for numbers in the request.", cancellationToken);
        var numbers = Statistics.ParseNumbers(input);
        if (numbers.Count == 0)
        {
            await run.StreamAsync("I found no numbers to analyse. Send me a list such as 3, 5, 8.", cancellationToken);
            return;
        }

        var args = new JsonObject { ["numbers"] = new JsonArray([.. numbers.Select(n => (JsonNode)n)]) };
        await run.CallToolAsync("compute_stats", args, _ => Statistics.ToJson(Statistics.Compute(numbers)), cancellationToken);
        var s = Statistics.Compute(numbers);
        await run.StreamAsync(
            $"For {s.Count} numbers: sum {Statistics.Format(s.Sum)}, mean {Statistics.Format(s.Mean)}, median {Statistics.Format(s.Median)}, "
            + $"min {Statistics.Format(s.Min)}, max {Statistics.Format(s.Max)}, standard deviation {Statistics.Format(s.StdDev)}.",
            cancellationToken);
    }
}
