namespace AgentChat.Web;

/// <summary>Where the page's browser finds the services: absolute http(s) base URLs, from the environment.</summary>
public sealed record WebOptions(Uri AuthUrl, Uri BackendUrl, string Environment)
{
    public const string AuthUrlVariable = "AGENTCHAT_AUTH_URL";
    public const string BackendUrlVariable = "AGENTCHAT_BACKEND_URL";

    /// <summary>The options, or why they cannot be used (the host then refuses to start).</summary>
    public static (WebOptions? Options, string? Error) From(IConfiguration configuration)
    {
        var (auth, authError) = BaseUrl(configuration, AuthUrlVariable);
        var (backend, backendError) = BaseUrl(configuration, BackendUrlVariable);
        if ((authError ?? backendError) is { } error)
        {
            return (null, error);
        }

        var environment = configuration["ASPNETCORE_ENVIRONMENT"] is { Length: > 0 } name ? name.ToLowerInvariant() : "staging";
        return (new WebOptions(auth!, backend!, environment), null);
    }

    private static (Uri? Url, string? Error) BaseUrl(IConfiguration configuration, string variable)
    {
        var text = configuration[variable];
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, $"{variable} is not set: the page needs the service's base URL (e.g. http://127.0.0.1:5001)");
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            return (null, $"{variable} must be an absolute http(s) URL without query or fragment, got '{text}'");
        }

        return (url, null);
    }

    /// <summary>A base URL as the page joins paths to it: no trailing slash.</summary>
    public static string Base(Uri url) => url.ToString().TrimEnd('/');
}
