using Greenlight.Model;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

/// <summary>How a run (or the view of one iteration) ended: when, whether Ctrl+C or an error cut it short, and why the loop stopped.</summary>
internal sealed record RunEnd(DateTimeOffset EndedAt, long TotalMs, bool Interrupted, string? Error, string? StopReason, string? StopDetail)
{
    /// <summary>What the run did or ignored that a person should know (see <see cref="RunRecord.Notes"/>).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Builds a run record from facts, once, with its verdict computed from them. The top-level fields
/// describe <c>last</c>, the iteration the record ends with; the commands and iterations are the
/// whole run's.
/// </summary>
internal static class RunRecords
{
    public static RunRecord Build(RunContext run, IterationResult last, IReadOnlyList<IterationRecord> iterations, IReadOnlyList<CommandRecord> commands, RunEnd end)
    {
        var record = new RunRecord
        {
            RunId = run.RunId,
            Project = run.Config.Project,
            ConfigPath = Path.GetRelativePath(run.Config.RootDirectory, run.Config.SourcePath),
            StartedAt = run.StartedAt,
            EndedAt = end.EndedAt,
            Focus = run.Plan.Focus,
            FocusRationale = run.Plan.Rationale,
            FailFast = run.FailFast,
            Interrupted = end.Interrupted,
            Error = end.Error,
            Services = last.Deployment.Services,
            Revisions = last.Deployment.Services.Where(s => s.Revision is not null).ToDictionary(s => s.Name, s => s.Revision!),
            Probes = last.Probes.Records,
            Phases = last.Phases,
            Suites = last.Suites,
            Tests = last.Tests.Tests,
            Commands = commands,
            LogExcerpts = last.LogExcerpts,
            Timings = last.Timings with { TotalMs = end.TotalMs },
            Gates = last.Gates.Gates,
            Rollbacks = last.Rollbacks,
            BlockedBy = last.BlockedBy,
            Iterations = iterations,
            StopReason = end.StopReason,
            StopDetail = end.StopDetail,
            AnalysisOnly = run.AnalysisOnly,
            Clusters = last.Analysis.Clusters,
            Notes = end.Notes,
        };
        var verdict = VerdictCalculator.Compute(record);
        return record with { Verdict = verdict.Verdict, ExitCode = (int)verdict.Verdict, Reasons = verdict.Reasons, NextAction = verdict.NextAction };
    }
}
