using System.Globalization;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Recording;

/// <summary>
/// The record of a run whose Greenlight process ended without finishing it, built from its trail:
/// the services whose deploy it reported, the suites it reached (every one "not run", with what the
/// trail said about it: their results were never read), the steps it had got to. Its verdict is
/// computed like any other (UNPROVEN, or BLOCKED when a critical service had failed to deploy).
/// </summary>
public static class AbortedRuns
{
    /// <summary>Run folders without run.json whose owner is gone, oldest first (never <paramref name="except"/>, this run's).</summary>
    internal static IEnumerable<(string Directory, RunStart Start, IReadOnlyList<TrailStep> Steps)> Find(string rootDirectory, string? except)
    {
        var runs = RunFolder.RunsDirectory(rootDirectory);
        if (!Directory.Exists(runs))
        {
            yield break;
        }

        foreach (var folder in Directory.GetDirectories(runs).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(folder) == except || File.Exists(Path.Combine(folder, RunFolder.RunJson)))
            {
                continue;
            }

            // A run whose owner still runs is a run happening beside this one: left alone.
            if (RunTrail.Read(folder) is { } trail && !new ProcessOwner(trail.Start.OwnerPid, trail.Start.OwnerStart).IsAlive())
            {
                yield return (folder, trail.Start, trail.Steps);
            }
        }
    }

    /// <summary>
    /// For <c>greenlight report</c> before a next run has completed the folder: the aborted record of a
    /// run folder without run.json whose owner is gone, built from its trail (nothing is written); null
    /// for a run still going, a finished one, or a folder without a trail.
    /// </summary>
    public static RunRecord? FromTrail(string folder)
    {
        if (File.Exists(Path.Combine(folder, RunFolder.RunJson)) || RunTrail.Read(folder) is not { } trail
            || new ProcessOwner(trail.Start.OwnerPid, trail.Start.OwnerStart).IsAlive())
        {
            return null;
        }

        var why = $"its Greenlight process {trail.Start.OwnerPid} ended without finishing the run (killed or crashed); not completed yet: the next run writes its run.json";
        return Build(trail.Start, trail.Steps, why, interrupted: false, []);
    }

    /// <param name="why">How it ended, for <see cref="RunRecord.StopDetail"/>.</param>
    /// <param name="interrupted">A second Ctrl+C: the run was interrupted, and quit before it could stop in order.</param>
    internal static RunRecord Build(RunStart start, IReadOnlyList<TrailStep> steps, string why, bool interrupted, IReadOnlyList<string> notes)
    {
        var skeleton = start.Skeleton;
        var services = start.Services
            .Select(s => (Service: s, Step: steps.LastOrDefault(t => t.Stage == "deploy" && t.Subject == s.Name && t.Ok is not null)))
            .Where(s => s.Step is not null)
            .Select(s => s.Service with { Deployed = s.Step!.Ok == true, Failure = s.Step.Ok == true ? null : s.Step.Text, Log = $"logs/{s.Service.Name}.log" })
            .ToList();
        var suites = skeleton.Suites.Select(suite => steps.LastOrDefault(t => t.Stage == "test" && t.Subject == suite.Id) switch
        {
            null => suite,
            { Ok: null } => suite with { Problems = ["aborted while this suite ran"] },
            { } ended => suite with { Problems = [$"aborted after this suite ended ({ended.Text}); its results were never read"] },
        }).ToList();
        var phases = skeleton.Phases.Select(p => PhaseEvaluator.Evaluate(p.Priority, [.. suites.Where(s => p.Suites.Contains(s.Id))]) with { Impact = p.Impact }).ToList();
        var last = steps.Count > 0 ? steps[^1] : null;
        var ended = last?.At ?? skeleton.StartedAt;
        var record = skeleton with
        {
            EndedAt = ended,
            Interrupted = interrupted,
            Aborted = true,
            Services = services,
            Revisions = new Dictionary<string, string>(),
            Suites = suites,
            Phases = phases,
            Timings = new TimingsRecord { TotalMs = SuiteEvaluator.Ms(ended - skeleton.StartedAt) },
            StopReason = interrupted ? StopReasons.Interrupted : StopReasons.Aborted,
            StopDetail = last is null ? why : $"{why}; its last step, at {Time(last.At)}: [{last.Stage}] {last.Text}",
            Notes = [.. steps.Where(t => t.Stage == "deploy" && t.Subject == "cleanup").Select(t => t.Text), .. notes],
        };
        var verdict = VerdictCalculator.Compute(record);
        return record with { Verdict = verdict.Verdict, ExitCode = (int)verdict.Verdict, Reasons = verdict.Reasons, NextAction = verdict.NextAction, Timeline = steps };
    }

    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
