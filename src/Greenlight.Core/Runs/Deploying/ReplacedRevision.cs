namespace Greenlight.Runs.Deploying;

/// <summary>A revision that was rolled back: where it logged, when it started, when it was first seen failing.</summary>
internal sealed record ReplacedRevision(string? LogPath, string? Revision, DateTimeOffset? StartedAt, DateTimeOffset? FailedAt);
