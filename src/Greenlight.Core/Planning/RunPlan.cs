using Greenlight.Config;

namespace Greenlight.Planning;

/// <summary>What a focus selected, grouped into phases by priority (P1 first).</summary>
/// <param name="Rationale">Why these suites, in a sentence for the worklog.</param>
public sealed record RunPlan(string Focus, string Rationale, IReadOnlyList<PlannedPhase> Phases)
{
    public IEnumerable<SuiteConfig> Suites => Phases.SelectMany(p => p.Suites);
}

/// <summary>The suites of one priority tier, in declaration order.</summary>
public sealed record PlannedPhase(int Priority, IReadOnlyList<SuiteConfig> Suites)
{
    public string Label => $"P{Priority}";
}

/// <summary>A plan, or why the focus selects nothing.</summary>
public sealed record PlanResult(RunPlan? Plan, string? Error);
