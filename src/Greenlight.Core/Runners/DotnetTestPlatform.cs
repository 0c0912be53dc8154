using System.Text;

namespace Greenlight.Runners;

/// <summary>
/// How a built .NET test project runs, found from what it built: xunit v3 (its own report flags),
/// another Microsoft.Testing.Platform application (MSTest's or NUnit's runner: <c>--filter</c> and
/// <c>--report-trx</c>), TUnit (<c>--treenode-filter</c>), or VSTest (<c>dotnet test</c> with the trx
/// logger; NUnit, MSTest or xunit v2 with Microsoft.NET.Test.Sdk). TRX is the report all of them write.
/// </summary>
public enum DotnetTestPlatform
{
    XunitV3,
    TestingPlatform,
    TUnit,
    VsTest,
}

/// <summary>The <c>filter:</c> of a dotnet suite and a retry's single test, in each platform's own syntax.</summary>
public static class DotnetTestSelection
{
    /// <summary>
    /// <c>Key=Value</c> terms (separated by ';', ORed) and <c>Key!=Value</c> terms (ANDed), as
    /// VSTest's <c>--filter</c> expression: <c>(A=1|B=2)&amp;C!=3</c>. Null without a filter.
    /// </summary>
    public static string? VsTestExpression(IReadOnlyList<TraitFilter.Term> terms) =>
        Combine(terms, t => $"{Escape(t.Key)}{(t.Negated ? "!=" : "=")}{Escape(t.Value)}");

    /// <summary>The same as a TUnit tree-node filter on test properties: <c>/*/*/*/*[((A=1)|(B=2))&amp;(C!=3)]</c>.</summary>
    public static string? TreeNodeFilter(IReadOnlyList<TraitFilter.Term> terms) =>
        Combine(terms, t => $"({t.Key}{(t.Negated ? "!=" : "=")}{t.Value})") is { } expression ? $"/*/*/*/*[{expression}]" : null;

    // Positive terms ORed (in parentheses when several), then each negative term ANDed.
    private static string? Combine(IReadOnlyList<TraitFilter.Term> terms, Func<TraitFilter.Term, string> term)
    {
        if (terms.Count == 0) return null;
        var positive = terms.Where(t => !t.Negated).Select(term).ToList();
        var parts = new List<string>();
        if (positive.Count > 0) parts.Add(positive.Count == 1 ? positive[0] : "(" + string.Join('|', positive) + ")");
        parts.AddRange(terms.Where(t => t.Negated).Select(term));
        return string.Join('&', parts);
    }

    /// <summary>One test by full name: <c>FullyQualifiedName=…</c> for VSTest syntax.</summary>
    public static string VsTestOnly(string fullName) => "FullyQualifiedName=" + Escape(fullName);

    /// <summary>One test by full name for TUnit: <c>/*/Namespace/Class/Method</c>.</summary>
    public static string TreeNodeOnly(string fullName)
    {
        var paren = fullName.IndexOf('(', StringComparison.Ordinal);
        var name = paren < 0 ? fullName : fullName[..paren];
        var method = name.LastIndexOf('.');
        var type = method < 0 ? -1 : name.LastIndexOf('.', method - 1);
        return method < 0 ? $"/*/*/*/{name}"
            : type < 0 ? $"/*/*/{name[..method]}/{name[(method + 1)..]}"
            : $"/*/{name[..type]}/{name[(type + 1)..method]}/{name[(method + 1)..]}";
    }

    // VSTest filter syntax: these characters are operators unless escaped with '\'.
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\\' or '(' or ')' or '&' or '|' or '=' or '!' or '~') escaped.Append('\\');
            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
