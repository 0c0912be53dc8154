using Greenlight.Config.Loading;
using Greenlight.Model;

namespace Greenlight.Runs;

/// <summary>What <see cref="RunPipeline"/> ended with: a recorded run, or configuration errors (nothing ran).</summary>
public sealed record RunOutcome(RunRecord? Record, string? RunDirectory, IReadOnlyList<string> ConfigErrors)
{
    /// <summary>Exit code of a run that ended on an unexpected error of Greenlight's own: not a verdict on the services.</summary>
    public const int InternalErrorExitCode = 5;

    /// <summary>What went wrong inside Greenlight after the run started; null normally.</summary>
    public string? InternalError { get; init; }

    public int ExitCode => InternalError is not null ? InternalErrorExitCode : Record?.ExitCode ?? (int)Verdict.ConfigError;

    public static RunOutcome Invalid(IEnumerable<string> errors) => new(null, null, [.. errors]);

    public static RunOutcome Invalid(IEnumerable<ConfigError> errors) => Invalid(errors.Select(e => e.ToString()));
}

/// <param name="Focus">null for <c>all</c>.</param>
/// <param name="FailFast">null to use <c>loop.fail_fast</c>.</param>
/// <param name="Iterations">null to use <c>loop.iterations</c>.</param>
/// <param name="Remediate">null to use <c>loop.remediate</c>.</param>
/// <param name="AnalysisOnly">any change remediation makes to tracked files is a violation that ends the run.</param>
public sealed record RunOptions(string? Focus = null, bool? FailFast = null, int? Iterations = null, string? Remediate = null, bool AnalysisOnly = false);
