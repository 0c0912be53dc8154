namespace Greenlight.Reports;

/// <summary>One run in the dashboard's list (newest first); counts are of its last iteration.</summary>
public sealed record DashboardRun(
    string Id, DateTimeOffset Started, long? DurationMs, string Verdict, string Focus, int Iterations,
    int Passed, int Failed, int Skipped, int Unproven, bool HasReport, bool Running);

public sealed record DashboardFlaky(string Suite, string Name, int Runs, int Flips, double FlipRate);

public sealed record DashboardCluster(string Title, int Count, int RunsSeen, DateTimeOffset FirstSeen);

/// <summary>What <c>greenlight serve</c>'s front page shows: the runs, their trends (one point per run, oldest first), flaky tests and open clusters.</summary>
public sealed record DashboardView(
    string Project,
    string Store,
    IReadOnlyList<DashboardRun> Runs,
    IReadOnlyList<string> TrendLabels,
    IReadOnlyList<TrendSeries> Rates,
    IReadOnlyList<TrendSeries> RunDurations,
    IReadOnlyList<TrendSeries> SuiteDurations,
    IReadOnlyList<DashboardFlaky> Flaky,
    IReadOnlyList<DashboardCluster> Clusters,
    string? Error);
