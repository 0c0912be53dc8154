using System.Text.RegularExpressions;
using Greenlight.Secrets;

namespace Greenlight.Config.Loading;

/// <summary>
/// Expands <c>${env:NAME}</c> and <c>${env:NAME:-default}</c> when the config is loaded, so a
/// missing variable is reported with the line of the field that needs it.
/// </summary>
public static partial class EnvPlaceholders
{
    /// <param name="secrets">Receives values that must never be printed: those of variables whose name looks secret.</param>
    public static (string Value, IReadOnlyList<string> Missing) Expand(
        string text, Func<string, string?> lookup, ICollection<string>? secrets = null)
    {
        if (!text.Contains("${", StringComparison.Ordinal))
        {
            return (text, []);
        }

        var missing = new List<string>();
        var value = Placeholder().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var found = lookup(name);
            if (found is null && match.Groups["default"].Success)
            {
                found = match.Groups["default"].Value;
            }

            if (found is null)
            {
                missing.Add(name);
                return match.Value;
            }

            if (SecretRedactor.IsSecretName(name))
            {
                secrets?.Add(found);
            }

            return found;
        });
        return (value, missing);
    }

    /// <summary>Text like <c>${env:}</c> or <c>${foo}</c> that is not a valid placeholder, for a clear error.</summary>
    public static string? FindMalformed(string text)
    {
        foreach (Match match in Anything().Matches(text))
        {
            if (!Placeholder().IsMatch(match.Value))
            {
                return match.Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\$\{env:(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$\{[^}]*\}?")]
    private static partial Regex Anything();
}
