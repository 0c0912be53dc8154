using System.Globalization;
using Greenlight.Guards;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Repository;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Remediating;

/// <summary>What the remediation did, the command it ran, whether the loop must stop, and what to deploy again.</summary>
internal sealed record RemediationResult(RemediationRecord? Record, CommandRecord? Command, string? StopReason, string? StopDetail, IReadOnlySet<string> Redeploy)
{
    public static RemediationResult Stop(RemediationRecord? record, string reason, string detail, CommandRecord? command = null) =>
        new(record, command, reason, detail, new HashSet<string>());
}

/// <summary>
/// Snapshots the repository (git, without touching index or refs), runs the remediation command
/// with the bundle's path as its last argument and in <c>GREENLIGHT_BUNDLE</c>, then diffs and
/// judges the change (<see cref="GuardDecision"/>). Greenlight never commits or resets anything:
/// a failed or rejected change is reported and left in the working tree for a person.
/// </summary>
internal sealed class RemediationStage(ChildProcess processes, TimeProvider time, IRunProgress progress)
{
    private const int TailLines = 20;

    /// <param name="firstRemediation">Only the first remediation of a run checks for changes made before it.</param>
    public async Task<RemediationResult> RemediateAsync(RunContext run, int iteration, string bundle, bool firstRemediation, CancellationToken cancellationToken)
    {
        var command = run.Loop.Remediate!;
        var options = run.Config.Guard with
        {
            ExcludeDirectories = [.. run.Config.Guard.ExcludeDirectories, Path.Combine(run.Config.RootDirectory, ".greenlight")],
        };
        var guard = new ChangeGuard(new Git(processes), time, options);
        var before = await guard.SnapshotAsync(run.Config.RootDirectory, cancellationToken);
        if (before.Value is not { } snapshot)
        {
            return RemediationResult.Stop(null, StopReasons.GuardFailed,
                $"remediation was not run: its change could not be guarded, because the repository cannot be snapshotted ({before.Failure})");
        }

        var dirty = firstRemediation ? snapshot.Status.Where(s => !s.StartsWith("??", StringComparison.Ordinal)).ToList() : [];
        if (dirty.Count > 0 && options.RefuseDirty)
        {
            return RemediationResult.Stop(new RemediationRecord { Command = command, Result = "not run", DirtyBefore = dirty }, StopReasons.DirtyTree,
                $"remediation was not run: the working tree had {dirty.Count} uncommitted change(s) before it (guard.refuse_dirty)");
        }

        var number = iteration.ToString(CultureInfo.InvariantCulture);
        var log = Path.Combine(run.IterationDirectory(iteration), "remediation.log");
        progress.Step("remediate", number, $"remediation: {command}", null);
        var result = await processes.RunAsync(ProcessSpec.Shell($"{command} {ShellQuote(bundle)}") with
        {
            WorkingDirectory = snapshot.RepositoryRoot,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["GREENLIGHT_BUNDLE"] = bundle,
                ["GREENLIGHT_RUN_DIR"] = run.RunDirectory,
                ["GREENLIGHT_ITERATION"] = number,
                ["GREENLIGHT_REPOSITORY"] = snapshot.RepositoryRoot,
            },
            Timeout = run.Loop.RemediateTimeout,
            LogPath = log,
        }, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var ran = new CommandRecord
        {
            Kind = "remediate", Subject = $"iteration {number}", CommandLine = command,
            DurationMs = SuiteEvaluator.Ms(result.Duration), ExitCode = result.ExitCode, Summary = result.Describe(), Iteration = iteration,
        };
        var record = new RemediationRecord
        {
            Command = command,
            ExitCode = result.ExitCode,
            TimedOut = result.TimedOut,
            DurationMs = SuiteEvaluator.Ms(result.Duration),
            Result = result.Describe(),
            Log = run.Relative(log),
            OutputTail = [.. result.Tail.TakeLast(TailLines)],
            DirtyBefore = dirty,
        };

        var compared = await guard.CompareAsync(snapshot, cancellationToken);
        if (compared.Value is not { } report)
        {
            return RemediationResult.Stop(record, StopReasons.GuardFailed, $"the change made by remediation could not be diffed ({compared.Failure}); it was not deployed", ran);
        }

        var decision = GuardDecision.Decide(report, options.Policy, run.AnalysisOnly);
        record = record with
        {
            GuardOutcome = Snake(decision.Outcome),
            GuardReason = decision.Reason,
            DiffStat = report.DiffStat,
            ChangedFiles = [.. report.Files.Select(f => f.Path)],
            ChangedTestFiles = [.. report.TestFiles.Select(f => f.Path)],
            Flags = [.. decision.Findings.Select(f => f.ToString())],
            CountsAsFix = result.Succeeded && decision.CountsAsFix,
        };
        progress.Step("remediate", number, $"remediation {result.Describe()}; {decision.Reason}", record.CountsAsFix);
        var (reason, detail) = decision.Outcome switch
        {
            GuardOutcome.AnalysisOnlyViolation => (StopReasons.AnalysisOnlyViolation, $"--analysis-only: {decision.Reason}; the run ends and the changes are left for review"),
            _ when !result.Succeeded => (StopReasons.RemediationFailed,
                $"the remediation command {result.Describe()}; {(report.Changed ? $"its partial change ({report.Files.Count} file(s)) is left in the working tree and was not deployed" : "it changed nothing")}"),
            GuardOutcome.NoChange => (StopReasons.NoChange, "the remediation made no change to the repository"),
            GuardOutcome.Rejected => (StopReasons.TestTampering, $"{decision.Reason}; the change is left in the working tree for review"),
            _ => ((string?)null, (string?)null),
        };
        return reason is not null
            ? RemediationResult.Stop(record, reason, detail!, ran)
            : new(record, ran, null, null, Redeploy.ServicesFor(run.Config, snapshot.RepositoryRoot, report.Files));
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Snake(GuardOutcome outcome) => outcome switch
    {
        GuardOutcome.NoChange => "no_change",
        GuardOutcome.AnalysisOnlyViolation => "analysis_only_violation",
        _ => outcome.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
