using System.Text.RegularExpressions;

namespace Greenlight.Deploy.Remote;

/// <summary>
/// Fills <c>{service}</c>, <c>{revision}</c>, <c>{previous_revision}</c>, <c>{since}</c> and
/// <c>{until}</c> in a user's shell command. A revision read from a platform's output is data, not
/// shell: a value with anything beyond <c>[A-Za-z0-9._:/@=+,-]</c> is inserted single-quoted, so it
/// can never run as a command. The same values are exported as <c>GREENLIGHT_*</c> variables.
/// </summary>
public static partial class RemotePlaceholders
{
    public static string Expand(string command, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(Placeholders.Expand(command), m =>
            values.TryGetValue(m.Groups["name"].Value, out var value) ? Quote(value ?? "") : m.Value);

    /// <summary><c>previous_revision</c> → <c>GREENLIGHT_PREVIOUS_REVISION</c>.</summary>
    public static Dictionary<string, string> AsEnvironment(IReadOnlyDictionary<string, string?> values) =>
        values.Where(kv => kv.Value is not null)
            .ToDictionary(kv => "GREENLIGHT_" + kv.Key.ToUpperInvariant(), kv => kv.Value!, StringComparer.Ordinal);

    private static string Quote(string value) =>
        value.Length > 0 && SafeValue().IsMatch(value) ? value : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\{(?<name>service|revision|previous_revision|since|until)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[A-Za-z0-9._:/@=+,-]+$")]
    private static partial Regex SafeValue();
}
