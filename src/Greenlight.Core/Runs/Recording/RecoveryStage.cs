using Greenlight.Reporting;
using Greenlight.Secrets;

namespace Greenlight.Runs.Recording;

/// <summary>
/// At the start of a run: every run folder without run.json whose Greenlight process is gone (killed
/// with SIGKILL, crashed) is completed with an aborted run.json and worklog built from its trail, and
/// saved to history as ABORTED, so the folder, <c>greenlight report</c> and history agree. Its leftover
/// services are reaped by the deployer when this run deploys. Never fatal: a folder it cannot complete
/// is a progress line.
/// </summary>
internal sealed class RecoveryStage(CompositeReporter reporters, SecretRedactor redactor, TimeProvider time, IRunProgress progress)
{
    /// <returns>One note per completed run, for this run's record.</returns>
    public async Task<IReadOnlyList<string>> CompleteAsync(RunContext run, HistorySession history)
    {
        var notes = new List<string>();
        foreach (var (folder, start, steps) in AbortedRuns.Find(run.Config.RootDirectory, run.RunId).ToList())
        {
            var id = start.Skeleton.RunId;
            try
            {
                var why = $"its Greenlight process {start.OwnerPid} ended without finishing the run (killed or crashed); completed by run {run.RunId} at {AbortedRuns.Time(time.GetUtcNow())}";
                var record = AbortedRuns.Build(start, steps, why, interrupted: false, []);
                var kept = await history.SaveCompletedAsync(RunJson.Redact(record, redactor), CancellationToken.None);
                var failures = await reporters.WriteAsync(record with { History = kept }, folder, CancellationToken.None);
                var last = steps.Count > 0 ? $", last step at {AbortedRuns.Time(steps[^1].At)}" : "";
                var note = $"run {id} was aborted (its Greenlight process {start.OwnerPid} is gone{last}): completed its folder with an aborted run.json"
                    + (kept?.Saved == true ? " and saved it to history as ABORTED" : "")
                    + (failures.Count > 0 ? $" ({string.Join("; ", failures)})" : "");
                progress.Step("recover", id, note, false);
                notes.Add(note);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                progress.Step("recover", id, $"run {id} was aborted, and its folder could not be completed: {ex.Message}", false);
            }
        }

        return notes;
    }
}
