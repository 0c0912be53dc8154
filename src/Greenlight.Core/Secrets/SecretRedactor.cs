using System.Text.RegularExpressions;

namespace Greenlight.Secrets;

/// <summary>
/// Removes secrets from any text Greenlight writes (console, logs, worklog, JSON). It knows the
/// values of secret-looking environment variables it was given, and recognises bearer tokens and
/// JWTs by shape, so a token nobody registered is still not printed. A registered value that is
/// shorter than <see cref="MinimumSecretLength"/> or a common word is not used for masking (it
/// would mask ordinary text: <c>POST /auth/token *** 502</c>); <see cref="Ignored"/> says which.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";
    public const int MinimumSecretLength = 8;
    // Replaced whole under the lock on every Add, read without it: Redact runs for every recorded request.
    private volatile string[] _values = [];
    private readonly List<IgnoredSecret> _ignored = [];
    private readonly HashSet<string> _ignoredValues = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static readonly SecretRedactor None = new();

    /// <summary>True for names such as GITHUB_TOKEN, APP_JWT_KEY, DB_PASSWORD, X-Service-Secret.</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>Registers a literal secret value (e.g. from an env var whose name looks secret).</summary>
    /// <param name="source">Where the value came from (a variable name), for the warning when it is ignored.</param>
    public void Add(string? value, string? source = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var reason = value.Length < MinimumSecretLength ? $"shorter than {MinimumSecretLength} characters"
            : CommonWords.IsCommon(value) ? "a common word"
            : null;
        lock (_gate)
        {
            if (reason is not null)
            {
                if (_ignoredValues.Add(value))
                {
                    _ignored.Add(new IgnoredSecret(source, value.Length, reason));
                }
            }
            else if (!_values.Contains(value))
            {
                // Longest first, so a secret that contains another is masked whole.
                _values = [.. _values.Append(value).OrderByDescending(v => v.Length)];
            }
        }
    }

    /// <summary>Registered values not used for masking, each once, in the order first registered.</summary>
    public IReadOnlyList<IgnoredSecret> Ignored
    {
        get
        {
            lock (_gate)
            {
                return [.. _ignored];
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
                Add(value, name);
            }
        }
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in _values)
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
