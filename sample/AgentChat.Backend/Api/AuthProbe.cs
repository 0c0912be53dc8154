namespace AgentChat.Backend.Api;

/// <summary>
/// Asks the auth service's <c>/health</c> whether it is up, for the backend's own health detail. The 2 s
/// limit is below the default slow-db delay, so a slow auth reads as <c>unreachable</c>, deterministically.
/// </summary>
public sealed class AuthProbe(BackendOptions options) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        if (options.AuthUrl is null)
        {
            return "not_configured";
        }

        try
        {
            using var response = await _http.GetAsync(new Uri(options.AuthUrl, "/health"), cancellationToken);
            return response.IsSuccessStatusCode ? "reachable" : "unreachable";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            return "unreachable";
        }
    }

    public void Dispose() => _http.Dispose();
}
