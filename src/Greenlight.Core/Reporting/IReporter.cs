using Greenlight.Model;

namespace Greenlight.Reporting;

/// <summary>
/// Writes one output of a finished (or, between iterations, unfinished) run into its folder: the
/// worklog, run.json, and whatever else a host adds. The record it is given is already redacted.
/// </summary>
public interface IReporter
{
    /// <summary>"worklog", "run.json", …: named in the message when it fails.</summary>
    string Name { get; }

    Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken);
}
