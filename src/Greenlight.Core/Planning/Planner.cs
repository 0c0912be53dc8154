using Greenlight.Config;

namespace Greenlight.Planning;

/// <summary>Turns a focus into phases: a focus name from <c>focus:</c>, <c>all</c>, a priority (p1..p6), a suite id or a category.</summary>
public static class Planner
{
    public const string All = "all";

    public static PlanResult Plan(GreenlightConfig config, string? focus)
    {
        focus = string.IsNullOrWhiteSpace(focus) ? All : focus.Trim();
        var (suites, rationale) = Select(config, focus);
        if (suites is null)
        {
            var known = config.Focus.Keys.Append(All).Concat(config.Suites.Select(s => s.Id))
                .Concat(config.Suites.Select(s => s.Category).OfType<string>()).Distinct().ToList();
            var hint = Config.Loading.Suggestions.Hint(focus, known);
            return new PlanResult(null, $"unknown focus '{focus}'{hint} (use all, p1..p6, a focus name, a suite id or a category: {string.Join(", ", known)})");
        }

        if (suites.Count == 0)
        {
            return new PlanResult(null, $"focus '{focus}' selects no suites");
        }

        var phases = suites.GroupBy(s => s.Priority).OrderBy(g => g.Key)
            .Select(g => new PlannedPhase(g.Key, [.. g])).ToList();
        return new PlanResult(new RunPlan(focus, rationale, phases), null);
    }

    private static (List<SuiteConfig>? Suites, string Rationale) Select(GreenlightConfig config, string focus)
    {
        if (focus.Equals(All, StringComparison.OrdinalIgnoreCase))
        {
            return ([.. config.Suites], $"focus 'all': every suite in {Path.GetFileName(config.SourcePath)}, most critical priority first");
        }

        if (config.Focus.TryGetValue(focus, out var entries))
        {
            var chosen = config.Suites.Where(s => entries.Contains(s.Id) || (s.Category is not null && entries.Contains(s.Category))).ToList();
            return (chosen, $"focus '{focus}' from {Path.GetFileName(config.SourcePath)}: {string.Join(", ", entries)}");
        }

        if (Priority.TryParse(focus, out var priority) && focus.Length == 2)
        {
            return ([.. config.Suites.Where(s => s.Priority == priority)], $"priority P{priority}: every suite of that tier");
        }

        if (config.Suites.FirstOrDefault(s => s.Id == focus) is { } suite)
        {
            return ([suite], $"suite '{focus}' alone");
        }

        var byCategory = config.Suites.Where(s => s.Category == focus).ToList();
        return byCategory.Count > 0 ? (byCategory, $"category '{focus}': every suite in it") : (null, "");
    }
}
