namespace AgentChat.E2E.Client;

/// <summary>Where the deployment under test is. Greenlight sets these; run-e2e.sh too.</summary>
public static class E2ESettings
{
    public const string AuthUrlVariable = "GREENLIGHT_AUTH_URL";
    public const string BackendUrlVariable = "GREENLIGHT_BACKEND_URL";
    public const string BypassKeyVariable = "AGENTCHAT_E2E_BYPASS_KEY";

    /// <summary>Defaults for running the suite by hand against services on their usual ports.</summary>
    public const string DefaultAuthUrl = "http://127.0.0.1:8081";
    public const string DefaultBackendUrl = "http://127.0.0.1:8080";

    public static Uri AuthUrl => ReadUrl(AuthUrlVariable, DefaultAuthUrl);

    public static Uri BackendUrl => ReadUrl(BackendUrlVariable, DefaultBackendUrl);

    /// <summary>The key for POST /auth/token. There is no default: without it no test can log in.</summary>
    public static string BypassKey =>
        Environment.GetEnvironmentVariable(BypassKeyVariable) is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException(
                $"{BypassKeyVariable} is not set: the suite needs the auth service's E2E bypass key to create test users.");

    public static Uri BackendSocketUrl
    {
        get
        {
            var builder = new UriBuilder(new Uri(BackendUrl, "ws"));
            builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            return builder.Uri;
        }
    }

    private static Uri ReadUrl(string variable, string fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : fallback;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"{variable}='{text}' is not an absolute URL.");
        }
        return uri;
    }
}
