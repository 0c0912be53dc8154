using System.Globalization;
using Greenlight.Guards;
using Greenlight.Processes;
using Greenlight.Repository;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private const int RemediationTailLines = 20;

    private sealed record RemediationOutcome(RemediationRecord? Record, string? StopReason, string? StopDetail, IReadOnlySet<string> Redeploy);

    /// <summary>
    /// Snapshots the repository (git, without touching index or refs), runs the remediation command
    /// with the bundle's path as its last argument and in <c>GREENLIGHT_BUNDLE</c>, then diffs and
    /// judges the change (<see cref="GuardDecision"/>). Greenlight never commits or resets anything:
    /// a failed or rejected change is reported and left in the working tree for a person.
    /// </summary>
    private async Task<RemediationOutcome> RemediateAsync(RunState state, LoopSettings loop, CancellationToken cancellationToken)
    {
        var command = loop.Remediate!;
        var options = state.Config.Guard with
        {
            ExcludeDirectories = [.. state.Config.Guard.ExcludeDirectories, Path.Combine(state.Config.RootDirectory, ".greenlight")],
        };
        var guard = new ChangeGuard(new Git(_processes), time, options);
        var before = await guard.SnapshotAsync(state.Config.RootDirectory, cancellationToken);
        if (before.Value is not { } snapshot)
        {
            return new(null, StopReasons.GuardFailed,
                $"remediation was not run: its change could not be guarded, because the repository cannot be snapshotted ({before.Failure})", new HashSet<string>());
        }

        var firstRemediation = state.Iterations.Count(i => i.Remediation is not null) == 0;
        var dirty = firstRemediation ? snapshot.Status.Where(s => !s.StartsWith("??", StringComparison.Ordinal)).ToList() : [];
        if (dirty.Count > 0 && options.RefuseDirty)
        {
            return new(new RemediationRecord { Command = redactor.Redact(command), Result = "not run", DirtyBefore = dirty }, StopReasons.DirtyTree,
                $"remediation was not run: the working tree had {dirty.Count} uncommitted change(s) before it (guard.refuse_dirty)", new HashSet<string>());
        }

        var bundle = Path.Combine(state.IterationDirectory, BundleJson);
        var log = Path.Combine(state.IterationDirectory, "remediation.log");
        progress.Step("remediate", Text(state.Iteration), $"remediation: {redactor.Redact(command)}", null);
        var spec = ProcessSpec.Shell($"{command} {ShellQuote(bundle)}") with
        {
            WorkingDirectory = snapshot.RepositoryRoot,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["GREENLIGHT_BUNDLE"] = bundle,
                ["GREENLIGHT_RUN_DIR"] = state.RunDirectory,
                ["GREENLIGHT_ITERATION"] = Text(state.Iteration),
                ["GREENLIGHT_REPOSITORY"] = snapshot.RepositoryRoot,
            },
            Timeout = loop.RemediateTimeout,
            LogPath = log,
        };
        var result = await _processes.RunAsync(spec, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        state.Commands.Add(new CommandRecord
        {
            Kind = "remediate", Subject = $"iteration {Text(state.Iteration)}", CommandLine = redactor.Redact(command),
            DurationMs = SuiteEvaluator.Ms(result.Duration), ExitCode = result.ExitCode, Summary = result.Describe(), Iteration = state.Iteration,
        });
        var record = new RemediationRecord
        {
            Command = redactor.Redact(command),
            ExitCode = result.ExitCode,
            TimedOut = result.TimedOut,
            DurationMs = SuiteEvaluator.Ms(result.Duration),
            Result = result.Describe(),
            Log = Path.GetRelativePath(state.RunDirectory, log),
            OutputTail = [.. result.Tail.TakeLast(RemediationTailLines).Select(redactor.Redact)],
            DirtyBefore = dirty,
        };

        var compared = await guard.CompareAsync(snapshot, cancellationToken);
        if (compared.Value is not { } report)
        {
            return new(record, StopReasons.GuardFailed, $"the change made by remediation could not be diffed ({compared.Failure}); it was not deployed", new HashSet<string>());
        }

        var decision = GuardDecision.Decide(report, options.Policy, state.AnalysisOnly);
        record = record with
        {
            GuardOutcome = Snake(decision.Outcome),
            GuardReason = decision.Reason,
            DiffStat = report.DiffStat,
            ChangedFiles = [.. report.Files.Select(f => f.Path)],
            ChangedTestFiles = [.. report.TestFiles.Select(f => f.Path)],
            Flags = [.. decision.Findings.Select(f => redactor.Redact(f.ToString()))],
            CountsAsFix = result.Succeeded && decision.CountsAsFix,
        };
        progress.Step("remediate", Text(state.Iteration), $"remediation {result.Describe()}; {decision.Reason}", record.CountsAsFix);
        var stop = decision.Outcome switch
        {
            GuardOutcome.AnalysisOnlyViolation => (StopReasons.AnalysisOnlyViolation, $"--analysis-only: {decision.Reason}; the run ends and the changes are left for review"),
            _ when !result.Succeeded => (StopReasons.RemediationFailed,
                $"the remediation command {result.Describe()}; {(report.Changed ? $"its partial change ({report.Files.Count} file(s)) is left in the working tree and was not deployed" : "it changed nothing")}"),
            GuardOutcome.NoChange => (StopReasons.NoChange, "the remediation made no change to the repository"),
            GuardOutcome.Rejected => (StopReasons.TestTampering, $"{decision.Reason}; the change is left in the working tree for review"),
            _ => ((string?)null, (string?)null),
        };
        return stop.Item1 is not null
            ? new(record, stop.Item1, stop.Item2, new HashSet<string>())
            : new(record, null, null, ServicesToRedeploy(state.Config, snapshot.RepositoryRoot, report.Files));
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Snake(GuardOutcome outcome) => outcome switch
    {
        GuardOutcome.NoChange => "no_change",
        GuardOutcome.AnalysisOnlyViolation => "analysis_only_violation",
        _ => outcome.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
