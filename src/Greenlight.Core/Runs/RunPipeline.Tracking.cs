using Greenlight.Runs.Tracking;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private static readonly TimeSpan TrackingTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Publishes the finished run to the tracker <c>tracking:</c> names. Like history, tracking is an aid:
    /// an unreachable tracker or a bad token is a line in the worklog, never a failed run.
    /// </summary>
    private async Task<RunRecord> TrackAsync(RunState state, RunRecord record)
    {
        if (stages.Trackers is not { } factory)
        {
            return record;
        }

        var (tracker, errors) = factory.Create(state.Config);
        if (errors.Count > 0)
        {
            return record with { Tracking = new TrackingRecord("tracking", null, [], redactor.Redact(string.Join("; ", errors))) };
        }

        if (tracker is null)
        {
            return record;
        }

        using var timeout = new CancellationTokenSource(TrackingTimeout, time);
        TrackingRecord tracked;
        try
        {
            tracked = await tracker.PublishAsync(record, state.RunDirectory, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            tracked = new TrackingRecord(tracker.Name, null, [], $"no answer within {TrackingTimeout.TotalSeconds:0} s");
        }

        tracked = tracked with
        {
            Location = tracked.Location is null ? null : redactor.Redact(tracked.Location),
            Failure = tracked.Failure is null ? null : redactor.Redact(tracked.Failure),
        };
        progress.Step("tracking", tracker.Name, tracked.Failure is null
            ? $"tracking: {tracked.Location ?? (tracked.Closed.Count > 0 ? $"closed {string.Join(", ", tracked.Closed)}" : "nothing to open")}"
            : $"tracking not published: {tracked.Failure}", tracked.Failure is null);
        return record with { Tracking = tracked };
    }
}
