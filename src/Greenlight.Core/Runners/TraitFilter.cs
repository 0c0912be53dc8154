namespace Greenlight.Runners;

/// <summary>
/// The dotnet runner's <c>filter:</c>: <c>Key=Value</c> terms separated by ';' (ORed, as xunit
/// does) and <c>Key!=Value</c> terms (ANDed). For xunit v3 they become <c>--filter-trait</c> and
/// <c>--filter-not-trait</c> ('*' at either end of a name or value is a wildcard, as in xunit); other
/// frameworks get the same terms in their own syntax (<see cref="DotnetTestSelection"/>).
/// </summary>
public static class TraitFilter
{
    public sealed record Term(string Key, string Value, bool Negated);

    /// <summary>The terms, or the reason the filter cannot be understood.</summary>
    public static (IReadOnlyList<Term> Terms, string? Problem) Parse(string? filter)
    {
        var terms = new List<Term>();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return (terms, null);
        }

        foreach (var term in filter.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negated ? "!=" : "=", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts[1].Contains('=', StringComparison.Ordinal))
            {
                return ([], $"filter term '{term}' is not Key=Value or Key!=Value");
            }

            terms.Add(new Term(parts[0], parts[1], negated));
        }

        return (terms, null);
    }

    /// <summary>The xunit v3 arguments, or the reason the filter cannot be understood.</summary>
    public static (IReadOnlyList<string> Arguments, string? Problem) ToArguments(string? filter)
    {
        var (terms, problem) = Parse(filter);
        return (XunitArguments(terms), problem);
    }

    public static IReadOnlyList<string> XunitArguments(IReadOnlyList<Term> terms) =>
        [.. terms.SelectMany(t => new[] { t.Negated ? "--filter-not-trait" : "--filter-trait", $"{t.Key}={t.Value}" })];
}
