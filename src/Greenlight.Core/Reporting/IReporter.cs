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

    /// <summary>
    /// True for an output written once, when the run is over (report.html, a CI verdict file); false (the default)
    /// for one also written while the run is unfinished, so a crash leaves it on disk (run.json, the worklog).
    /// </summary>
    bool FinishedOnly => false;

    Task WriteAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken);
}
