using Greenlight.Config;

namespace Greenlight.Runs.Tracking;

/// <summary>Builds the tracker <c>tracking:</c> names (the host ships the implementations: GitHub, folder).</summary>
public interface IRunTrackerFactory
{
    /// <returns>No tracker and no errors when <c>tracking:</c> is absent.</returns>
    (IRunTracker? Tracker, IReadOnlyList<string> Errors) Create(GreenlightConfig config);
}

/// <summary>Opens, updates or closes the run's tracking issue from the finished record.</summary>
public interface IRunTracker
{
    /// <summary>"github" or "folder".</summary>
    string Name { get; }

    /// <summary>Never throws for an unreachable tracker or bad credentials: that is a record with a failure.</summary>
    Task<TrackingRecord> PublishAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken);
}

/// <summary>What tracking did for this run, as run.json and the worklog keep it.</summary>
/// <param name="Tracker">"github" or "folder".</param>
/// <param name="Location">The issue URL or file written for this run; null when none was (a GREEN run).</param>
/// <param name="Closed">Issues or files of earlier runs this GREEN run closed.</param>
/// <param name="Failure">Why nothing was published; null when it was.</param>
public sealed record TrackingRecord(string Tracker, string? Location, IReadOnlyList<string> Closed, string? Failure);
