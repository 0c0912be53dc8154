using Greenlight.Model;

namespace Greenlight.Proof;

/// <summary>The proof verdict on one test: what run.json and the worklog show.</summary>
public sealed record TestProof
{
    public required TestCaseResult Case { get; init; }

    /// <summary>True only for a pass with no sign of a fake.</summary>
    public required bool Proven { get; init; }

    /// <summary>Reason codes (docs/proof.md), in rule order.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>"code: evidence" lines for people.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>The duration the rules judged (setup + call for pytest with the plugin, else the runner's).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Traffic records tied to this test (run.json <c>requests</c>).</summary>
    public int Requests { get; init; }

    /// <summary>How closely traffic is tied to this test (<see cref="Model.ProofLevel"/>).</summary>
    public string Level { get; init; } = Model.ProofLevel.None;

    /// <summary>Rules that concerned this test but could not be evaluated, and why.</summary>
    public IReadOnlyList<ProofCheck> NotEvaluated { get; init; } = [];
}

/// <summary>The proof verdict on one suite run.</summary>
public sealed record SuiteProof
{
    public required string SuiteId { get; init; }

    public IReadOnlyList<TestProof> Tests { get; init; } = [];

    /// <summary>Suite-level reason codes (<c>no-tests</c>, <c>collection-error</c>).</summary>
    public IReadOnlyList<string> SuiteReasons { get; init; } = [];

    public IReadOnlyList<string> SuiteEvidence { get; init; } = [];

    /// <summary>Disabled rules with their reasons, rules that could not be evaluated (with counts), unmatched traffic.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public int Proven => Tests.Count(t => t.Proven);

    /// <summary>Tests that are passes or skips with at least one reason.</summary>
    public int Unproven => Tests.Count(t => t.Reasons.Count > 0);

    /// <summary>True when a pass or skip is unproven or the suite has its own reasons; with no failure anywhere this makes the run UNPROVEN.</summary>
    public bool HasUnproven => SuiteReasons.Count > 0 || Unproven > 0;
}
