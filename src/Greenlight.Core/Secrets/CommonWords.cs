namespace Greenlight.Secrets;

/// <summary>
/// Words that appear in ordinary output and are also typed as placeholder "secrets" in dev
/// configs. Only words of 8 or more letters are listed: shorter values are ignored by length.
/// </summary>
internal static class CommonWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwords", "passphrase", "changeme", "change-me", "changeit", "localhost", "postgres", "postgresql",
        "username", "anonymous", "undefined", "disabled", "required", "optional", "database", "internal", "external",
        "development", "production", "developer", "greenlight", "placeholder", "redacted", "insecure", "unsecure",
        "authorization", "authentication", "credential", "credentials", "application", "connection", "websocket",
        "configuration", "settings", "token-key", "secretkey", "secret-key", "not-a-secret", "notasecret",
    };

    public static bool IsCommon(string value) => Words.Contains(value.Trim());
}
