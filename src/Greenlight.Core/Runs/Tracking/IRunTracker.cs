using Greenlight.Config;
using Greenlight.Model;

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
