using Greenlight.Model;

namespace Greenlight.Runners;

/// <summary>
/// TRX carries per-test start and end times but no traits; xunit's own report carries traits.
/// Cases come from the TRX, traits are joined in from the xunit report by fully qualified name.
/// </summary>
internal static class TraitMerger
{
    public static IReadOnlyList<TestCaseResult> Merge(IReadOnlyList<TestCaseResult> cases, IReadOnlyList<TestCaseResult> withTraits)
    {
        var traits = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var source in withTraits.Where(c => c.Traits.Count > 0))
        {
            traits.TryAdd(Key(source), source.Traits);
        }

        return [.. cases.Select(c => c.Traits.Count == 0 && traits.TryGetValue(Key(c), out var found) ? c with { Traits = found } : c)];
    }

    /// <summary>Writers differ in whether the name already holds the class; both shapes give one key.</summary>
    private static string Key(TestCaseResult test) =>
        test.ClassName.Length > 0 && test.Name.StartsWith(test.ClassName + ".", StringComparison.Ordinal) ? test.Name : test.FullName;
}
