namespace Greenlight.Runners;

/// <summary>
/// The dotnet runner's <c>filter:</c>: <c>Key=Value</c> terms separated by ';' become
/// <c>--filter-trait</c> (xunit ORs them), <c>Key!=Value</c> terms become <c>--filter-not-trait</c>
/// (ANDed). '*' at either end of a name or value is a wildcard, as in xunit.
/// </summary>
public static class TraitFilter
{
    /// <summary>The xunit v3 arguments, or the reason the filter cannot be understood.</summary>
    public static (IReadOnlyList<string> Arguments, string? Problem) ToArguments(string? filter)
    {
        var arguments = new List<string>();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return (arguments, null);
        }

        foreach (var term in filter.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negated ? "!=" : "=", 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts[1].Contains('=', StringComparison.Ordinal))
            {
                return ([], $"filter term '{term}' is not Key=Value or Key!=Value");
            }

            arguments.Add(negated ? "--filter-not-trait" : "--filter-trait");
            arguments.Add($"{parts[0]}={parts[1]}");
        }

        return (arguments, null);
    }
}
