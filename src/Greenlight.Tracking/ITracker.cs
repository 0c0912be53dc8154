namespace Greenlight.Tracking;

/// <summary>
/// Keeps one tracking issue per run that is not green (opened, then updated each iteration) and
/// closes the open ones when a later run is GREEN. Never throws for an unreachable tracker: the
/// result says why, and the run goes on.
/// </summary>
public interface ITracker
{
    /// <summary>"github" or "folder".</summary>
    string Name { get; }

    Task<TrackingResult> PublishAsync(TrackingReport report, CancellationToken cancellationToken);
}

/// <summary>What the tracker publishes; the markdown parts are rendered by the reporting stage.</summary>
public sealed record TrackingReport
{
    public required string Project { get; init; }
    public required string RunId { get; init; }
    /// <summary>GREEN, RED, UNPROVEN or BLOCKED.</summary>
    public required string Verdict { get; init; }
    public int Iteration { get; init; } = 1;
    /// <summary>e.g. "$120K MRR (P1 critical)"; null when nothing is at risk.</summary>
    public string? ImpactAtRisk { get; init; }
    /// <summary>Failure clusters with their evidence, as markdown.</summary>
    public string ClustersMarkdown { get; init; } = "";
    /// <summary>The before/after table across iterations and runs, as markdown.</summary>
    public string ComparisonMarkdown { get; init; } = "";
    public string? WorklogPath { get; init; }

    public bool IsGreen => string.Equals(Verdict, "GREEN", StringComparison.OrdinalIgnoreCase);
}

/// <param name="Location">The issue URL or markdown file written for this run; null when none was (a GREEN run).</param>
/// <param name="Closed">Issues or files of earlier runs closed by this GREEN run.</param>
public sealed record TrackingResult(bool Succeeded, string? Location, IReadOnlyList<string> Closed, string? Failure)
{
    public static TrackingResult Fail(string failure) => new(false, null, [], failure);
}
