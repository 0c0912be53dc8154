namespace AgentChat.Web.E2E;

/// <summary>
/// Where the deployment under test is: Greenlight gives each test process its recording proxies'
/// addresses in GREENLIGHT_&lt;SERVICE&gt;_URL. The page is loaded from the web proxy and told
/// (window.AGENTCHAT_CONFIG, set before its script runs) to call auth and backend through theirs,
/// so every request, CORS preflight and WebSocket frame the browser sends is recorded.
/// </summary>
public static class WebSettings
{
    public const string WebUrlVariable = "GREENLIGHT_WEB_URL";
    public const string AuthUrlVariable = "GREENLIGHT_AUTH_URL";
    public const string BackendUrlVariable = "GREENLIGHT_BACKEND_URL";

    public static string WebUrl => Read(WebUrlVariable);

    public static string AuthUrl => Read(AuthUrlVariable);

    public static string BackendUrl => Read(BackendUrlVariable);

    private static string Read(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException(
                $"{variable} is not set to an absolute URL ('{text}'): the browser suite runs against a deployment (greenlight run, or export GREENLIGHT_WEB_URL, GREENLIGHT_AUTH_URL and GREENLIGHT_BACKEND_URL).");
        }

        return text.TrimEnd('/');
    }
}
