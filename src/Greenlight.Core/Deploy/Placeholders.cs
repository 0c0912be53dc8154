using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Deploy;

/// <summary>Expands <c>{port}</c> and <c>${env:NAME}</c> (an unset variable becomes empty).</summary>
public static partial class Placeholders
{
    public static string Expand(string text, int? port = null)
    {
        var expanded = EnvReference().Replace(text, m => Environment.GetEnvironmentVariable(m.Groups["name"].Value) ?? "");
        return port is { } p ? expanded.Replace("{port}", p.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : expanded;
    }

    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();
}
