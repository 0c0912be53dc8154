using System.Globalization;
using Greenlight.Processes;

namespace Greenlight.Deploy;

/// <summary>
/// What <see cref="PidRegistry.ReapOrphansAsync"/> stopped for one run whose Greenlight process is gone.
/// <see cref="ToString"/> is the sentence for the console and the worklog.
/// </summary>
/// <param name="RunId">The run that started them; null for files written before runs were recorded.</param>
/// <param name="Owner">That run's Greenlight process (dead, or its pid now another process's).</param>
/// <param name="Processes">Processes killed, counting every member of each service's process group.</param>
/// <param name="LastSeen">The run's last step (its trail's last write): it was killed after that; null when unknown.</param>
public sealed record ReapedRun(string? RunId, ProcessOwner? Owner, DateTimeOffset? StartedAt, IReadOnlyList<string> Services, int Processes, DateTimeOffset? LastSeen = null)
{
    public override string ToString()
    {
        var what = $"reaped {Processes} process{(Processes == 1 ? "" : "es")} ({string.Join(", ", Services)})";
        if (RunId is null)
        {
            return $"{what} left by an earlier Greenlight that recorded no run";
        }

        var killed = LastSeen is { } seen ? string.Create(CultureInfo.InvariantCulture, $"killed after {seen.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, its last step; ") : "";
        var started = StartedAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"started at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; ") : "";
        return $"{what} left by run {RunId} ({killed}{started}its Greenlight process {Owner?.ProcessId} is gone)";
    }
}
