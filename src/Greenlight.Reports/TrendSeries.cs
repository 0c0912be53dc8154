namespace Greenlight.Reports;

/// <summary>One line of a trend chart: a value per run (null where the run has none), oldest first.</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Points);
