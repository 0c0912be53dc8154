using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs;
using Greenlight.Runs.Tracking;
using Greenlight.Secrets;

namespace Greenlight.Tracking;

/// <summary>The run pipeline's way to the trackers: <c>tracking:</c> → <see cref="TrackerFactory"/>, the record → a <see cref="TrackingReport"/>.</summary>
public sealed class RunTrackerFactory(TimeProvider time, SecretRedactor redactor) : IRunTrackerFactory
{
    public (IRunTracker? Tracker, IReadOnlyList<string> Errors) Create(GreenlightConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        // The config loader has checked tracking: already; nothing here can be wrong with it.
        var tracker = TrackerFactory.Create(config.Tracking, time, redactor);
        return (tracker is null ? null : new RunTracker(tracker), []);
    }

    private sealed class RunTracker(ITracker tracker) : IRunTracker
    {
        public string Name => tracker.Name;

        public async Task<TrackingRecord> PublishAsync(RunRecord run, string runDirectory, CancellationToken cancellationToken)
        {
            var result = await tracker.PublishAsync(Report(run, runDirectory), cancellationToken).ConfigureAwait(false);
            return new TrackingRecord(tracker.Name, result.Location, result.Closed, result.Succeeded ? null : result.Failure ?? "failed");
        }
    }

    /// <summary>The tracking issue's content: verdict, the impact of the suites that did not pass, root causes, comparison.</summary>
    internal static TrackingReport Report(RunRecord run, string runDirectory)
    {
        var atRisk = run.Suites
            .Where(s => s.Outcome is StageOutcome.Failed or StageOutcome.Unproven or StageOutcome.NotRun && s.Impact is { Length: > 0 })
            .Select(s => $"{s.Impact} ({s.Priority} {s.Id})")
            .Distinct(StringComparer.Ordinal).ToList();
        return new TrackingReport
        {
            Project = run.Project,
            RunId = run.RunId,
            Verdict = WorklogRenderer.VerdictName(run.Verdict),
            Iteration = Math.Max(1, run.Iterations.Count),
            ImpactAtRisk = atRisk.Count == 0 ? null : string.Join("; ", atRisk),
            ClustersMarkdown = WorklogRenderer.RenderRootCauses(run),
            ComparisonMarkdown = WorklogRenderer.RenderComparison(run),
            WorklogPath = Path.Combine(runDirectory, RunFolder.Worklog),
        };
    }
}
