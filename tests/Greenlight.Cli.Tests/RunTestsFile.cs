using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// A run folder's <c>tests.jsonl</c>: every test of every iteration, one object a line (run.json keeps only
/// the counts, the failures and the doubted passes).
/// </summary>
internal static class RunTestsFile
{
    /// <summary>The tests of one iteration; by default of the last, which are the run's own.</summary>
    public static List<JsonElement> Read(string runDirectory, int? iteration = null)
    {
        var all = File.ReadLines(Path.Combine(runDirectory, "tests.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
        var number = iteration ?? (all.Count == 0 ? 1 : all.Max(t => t.GetProperty("iteration").GetInt32()));
        return [.. all.Where(t => t.GetProperty("iteration").GetInt32() == number)];
    }
}
