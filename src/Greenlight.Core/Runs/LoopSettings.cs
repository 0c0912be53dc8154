using Greenlight.Config;

namespace Greenlight.Runs;

/// <summary><c>loop:</c> with the command line's overrides applied.</summary>
internal sealed record LoopSettings(int Iterations, string? Remediate, TimeSpan RemediateTimeout, int StopWhenNoProgress, bool Rollback, bool TestAfterRollback)
{
    public static LoopSettings From(LoopConfig loop, RunOptions options) => new(
        options.Iterations ?? loop.Iterations,
        options.Remediate ?? loop.Remediate,
        loop.RemediateTimeout,
        loop.StopWhenNoProgress,
        loop.Rollback,
        loop.TestAfterRollback);
}
