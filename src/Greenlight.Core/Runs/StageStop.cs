namespace Greenlight.Runs;

/// <summary>Why a stage ended before its work was done: Ctrl+C (or SIGTERM), or an unexpected error. What it did so far is kept.</summary>
internal sealed record StageStop(bool Interrupted, string? Error)
{
    /// <summary>For a <c>catch (Exception ex) when (StageStop.Catches(ex))</c>: every exception ends the stage with what it has.</summary>
    public static bool Catches(Exception ex) => ex is not OutOfMemoryException;

    public static StageStop From(Exception ex, CancellationToken cancellationToken) =>
        ex is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? new StageStop(true, null)
            : new StageStop(false, ex.Message);

    /// <summary>What the suites that did not run are marked with.</summary>
    public string NotRunWhy => Interrupted ? "interrupted" : "not run: the run stopped on an error";
}
