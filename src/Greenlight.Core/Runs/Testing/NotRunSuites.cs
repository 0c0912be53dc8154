using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Testing;

/// <summary>Every planned suite without a result is "not run" with a reason, and every phase is closed.</summary>
internal static class NotRunSuites
{
    public static (IReadOnlyList<SuiteRecord> Suites, IReadOnlyList<PhaseRecord> Phases) Complete(
        RunPlan plan, IReadOnlyList<SuiteRecord> suites, IReadOnlyList<PhaseRecord> phases, string why)
    {
        var allSuites = suites.ToList();
        var allPhases = phases.ToList();
        foreach (var phase in plan.Phases)
        {
            allSuites.AddRange(phase.Suites.Where(s => allSuites.All(r => r.Id != s.Id)).Select(s => SuiteEvaluator.NotRun(s, why)));
            if (allPhases.All(p => p.Priority != phase.Label))
            {
                allPhases.Add(PhaseEvaluator.Evaluate(phase.Label, [.. allSuites.Where(s => phase.Suites.Any(p => p.Id == s.Id))]));
            }
        }

        return (allSuites, allPhases);
    }
}
