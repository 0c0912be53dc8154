using Greenlight.Model;
using Greenlight.Plugins;

namespace Greenlight.Proof;

/// <summary>Finds the plugin's event for each case: by JUnit full name, else by a unique short name.</summary>
internal static class PytestMatcher
{
    public static PytestTestEvent?[] Match(IReadOnlyList<TestCaseResult> cases, PytestEvents? events)
    {
        var matched = new PytestTestEvent?[cases.Count];
        if (events is null) return matched;
        var byFullName = events.Tests.GroupBy(t => t.FullName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var byName = events.Tests.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
        for (var i = 0; i < cases.Count; i++)
        {
            matched[i] = byFullName.GetValueOrDefault(cases[i].FullName) ?? byName.GetValueOrDefault(cases[i].Name);
        }

        return matched;
    }
}
