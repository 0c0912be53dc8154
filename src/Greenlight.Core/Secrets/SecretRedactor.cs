using System.Text.RegularExpressions;

namespace Greenlight.Secrets;

/// <summary>
/// Removes secrets from any text Greenlight writes (console, logs, worklog, JSON). It knows the
/// values of secret-looking environment variables it was given, and recognises bearer tokens and
/// JWTs by shape, so a token nobody registered is still not printed.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";
    private const int MinimumSecretLength = 4;
    private readonly List<string> _values = [];
    private readonly Lock _gate = new();

    public static readonly SecretRedactor None = new();

    /// <summary>True for names such as GITHUB_TOKEN, APP_JWT_KEY, DB_PASSWORD, X-Service-Secret.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>Registers a literal secret value (e.g. from an env var whose name looks secret).</summary>
    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < MinimumSecretLength)
        {
            return;
        }

        lock (_gate)
        {
            if (!_values.Contains(value))
            {
                _values.Add(value);
                // Longest first, so a secret that contains another is masked whole.
                _values.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    /// <summary>Registers the values of every variable whose name looks secret.</summary>
    public void AddFromEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var (name, value) in variables)
        {
            if (IsSecretName(name))
            {
                Add(value);
            }
        }
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        string[] values;
        lock (_gate)
        {
            values = [.. _values];
        }

        foreach (var value in values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        text = Jwt().Replace(text, Mask);
        return Bearer().Replace(text, "${scheme}" + Mask);
    }

    [GeneratedRegex(@"(TOKEN|SECRET|PASSWORD|PASSWD|PWD|API_?KEY|_KEY|-KEY|PRIVATE|CREDENTIAL|BYPASS)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|token)\s+)(?!\*\*\*)[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();
}
