using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Deploy;

/// <summary>
/// Expands <c>{port}</c> and <c>${env:NAME}</c>. NAME is looked up first in <c>known</c> (the variables
/// Greenlight itself gives the process, such as <c>GREENLIGHT_AUTH_URL</c>, so a service can receive
/// its dependency's URL under its own name), then in Greenlight's environment; unset becomes empty.
/// </summary>
public static partial class Placeholders
{
    public static string Expand(string text, int? port = null, IReadOnlyDictionary<string, string>? known = null)
    {
        var expanded = EnvReference().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            return known is not null && known.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name) ?? "";
        });
        return port is { } p ? expanded.Replace("{port}", p.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) : expanded;
    }

    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvReference();
}
