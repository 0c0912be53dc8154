namespace Greenlight.Model;

/// <summary>What tracking did for this run, as run.json and the worklog keep it.</summary>
/// <param name="Tracker">"github" or "folder".</param>
/// <param name="Location">The issue URL or file written for this run; null when none was (a GREEN run).</param>
/// <param name="Closed">Issues or files of earlier runs this GREEN run closed.</param>
/// <param name="Failure">Why nothing was published; null when it was.</param>
public sealed record TrackingRecord(string Tracker, string? Location, IReadOnlyList<string> Closed, string? Failure);
