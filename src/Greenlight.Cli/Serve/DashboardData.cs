using Greenlight.Cli.Commands;
using Greenlight.Config;
using Greenlight.Reporting;
using Greenlight.Reports;
using Greenlight.Runs;

namespace Greenlight.Cli.Serve;

/// <summary>The dashboard's front page from the history store (whatever <c>history:</c> names) and the run folders beside the config.</summary>
internal static class DashboardData
{
    private const int MaxSuiteSeries = 7;

    public static async Task<DashboardView> LoadAsync(GreenlightConfig config, int runs, CancellationToken cancellationToken)
    {
        var runsDirectory = RunFolder.RunsDirectory(config.RootDirectory);
        var (report, error) = await HistoryCommand.LoadAsync(config, runs, cancellationToken);
        var stored = report?.Runs ?? [];
        var list = new List<DashboardRun>();
        // A run in progress has a folder (and its trail) before the history holds it.
        foreach (var folder in Running(runsDirectory).Where(id => stored.All(r => r.Id != id)))
        {
            list.Add(new DashboardRun(folder, StartOf(Path.Combine(runsDirectory, folder)), null, "RUNNING", "", 0, 0, 0, 0, 0, false, true));
        }

        foreach (var run in stored)
        {
            var folder = Path.Combine(runsDirectory, run.Id);
            var running = run.Verdict == "RUNNING" || (File.Exists(Path.Combine(folder, "started.json")) && !File.Exists(Path.Combine(folder, RunFolder.RunJson)));
            list.Add(new DashboardRun(
                run.Id, run.Started, run.Ended is { } ended ? (long)(ended - run.Started).TotalMilliseconds : null, run.Verdict, run.Focus, run.IterationCount,
                run.Passed, run.Failed, run.Skipped, run.Unproven, File.Exists(Path.Combine(folder, HtmlReportReporter.FileName)), running));
        }

        var finished = stored.Where(r => r.Verdict != "RUNNING").Reverse().ToList();
        var labels = finished.Select(r => r.Id).ToList();
        double? Rate(int part, int total) => total == 0 ? null : (double)part / total;
        var rates = new List<TrendSeries>
        {
            new("pass rate", [.. finished.Select(r => Rate(r.Passed, r.Passed + r.Failed + r.Skipped))]),
            new("proven rate", [.. finished.Select(r => Rate(r.Passed - r.Unproven, r.Passed + r.Failed + r.Skipped))]),
        };
        var durations = new List<TrendSeries> { new("run", [.. finished.Select(r => r.Ended is { } e ? (double?)(e - r.Started).TotalMilliseconds : null)]) };
        var suites = finished.Select(r => SuiteDurations(Path.Combine(runsDirectory, r.Id))).ToList();
        var suiteSeries = suites.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(MaxSuiteSeries)
            .Select(id => new TrendSeries(id, [.. suites.Select(s => s.TryGetValue(id, out var ms) ? (double?)ms : null)]))
            .ToList();
        return new DashboardView(
            config.Project,
            report?.Store ?? "history unavailable",
            list,
            labels,
            rates,
            durations,
            suiteSeries,
            [.. (report?.FlakyTests ?? []).Select(f => new DashboardFlaky(f.Suite, f.Name, f.Runs, f.Flips, f.FlipRate))],
            [.. (report?.OpenClusters ?? []).Select(c => new DashboardCluster(c.Title, c.Count, c.RunsSeen, c.FirstSeen))],
            error);
    }

    /// <summary>The folder of run <paramref name="id"/> under the runs directory, or null for anything that is not a plain run id.</summary>
    public static string? Folder(GreenlightConfig config, string id)
    {
        if (id.Length == 0 || id.StartsWith('.') || id.IndexOfAny(['/', '\\']) >= 0 || Path.GetFileName(id) != id)
        {
            return null;
        }

        var folder = Path.Combine(RunFolder.RunsDirectory(config.RootDirectory), id);
        return Directory.Exists(folder) ? folder : null;
    }

    private static IEnumerable<string> Running(string runsDirectory) =>
        Directory.Exists(runsDirectory)
            ? Directory.GetDirectories(runsDirectory)
                .Where(d => File.Exists(Path.Combine(d, "started.json")) && !File.Exists(Path.Combine(d, RunFolder.RunJson)))
                .Select(d => Path.GetFileName(d)!)
                .OrderDescending(StringComparer.Ordinal)
            : [];

    private static DateTimeOffset StartOf(string folder) =>
        TrailFile.ReadSteps(folder).FirstOrDefault()?.At ?? default;

    private static Dictionary<string, long> SuiteDurations(string folder)
    {
        try
        {
            var path = Path.Combine(folder, RunFolder.RunJson);
            return File.Exists(path) && RunJson.Deserialize(File.ReadAllText(path)) is { } run
                ? run.Suites.Where(s => s.Outcome != Model.StageOutcome.NotRun).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.Last().DurationMs)
                : [];
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
