using System.Text.Json;
using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>
/// A run's <c>trail.jsonl</c>: every progress step, one JSON line each, appended while the run goes on.
/// One reader for everything that reads it back (an aborted run's record, report.html, the dashboard).
/// </summary>
public static class TrailFile
{
    public const string Name = "trail.jsonl";

    /// <summary>The steps in the run folder's trail, in order; empty when it has none. Readable while the run still appends.</summary>
    public static IReadOnlyList<TrailStep> ReadSteps(string runDirectory)
    {
        var path = Path.Combine(runDirectory, Name);
        if (!File.Exists(path))
        {
            return [];
        }

        var steps = new List<TrailStep>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            try
            {
                if (line.Length > 0 && JsonSerializer.Deserialize<TrailStep>(line, RunJson.LineOptions) is { } step)
                {
                    steps.Add(step);
                }
            }
            catch (JsonException)
            {
                // The last line of a running or killed run may be cut off: what came before it still counts.
            }
        }

        return steps;
    }
}
