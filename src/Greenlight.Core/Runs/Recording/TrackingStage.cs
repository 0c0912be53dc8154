using Greenlight.Model;
using Greenlight.Runs.Tracking;

namespace Greenlight.Runs.Recording;

/// <summary>
/// Publishes the finished run to the tracker <c>tracking:</c> names. Like history, tracking is an aid:
/// an unreachable tracker or a bad token is a line in the worklog, never a failed run.
/// </summary>
internal sealed class TrackingStage(IRunTrackerFactory? factory, TimeProvider time, IRunProgress progress)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <param name="run">The finished record, already redacted.</param>
    /// <returns>What the tracker did; null when none is configured.</returns>
    public async Task<TrackingRecord?> PublishAsync(RunContext context, RunRecord run)
    {
        if (factory is null)
        {
            return null;
        }

        var (tracker, errors) = factory.Create(context.Config);
        if (errors.Count > 0)
        {
            return new TrackingRecord("tracking", null, [], string.Join("; ", errors));
        }

        if (tracker is null)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(Timeout, time);
        TrackingRecord tracked;
        try
        {
            tracked = await tracker.PublishAsync(run, context.RunDirectory, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            tracked = new TrackingRecord(tracker.Name, null, [], $"no answer within {Timeout.TotalSeconds:0} s");
        }

        progress.Step("tracking", tracker.Name, tracked.Failure is null
            ? $"tracking: {tracked.Location ?? (tracked.Closed.Count > 0 ? $"closed {string.Join(", ", tracked.Closed)}" : "nothing to open")}"
            : $"tracking not published: {tracked.Failure}", tracked.Failure is null);
        return tracked;
    }
}
