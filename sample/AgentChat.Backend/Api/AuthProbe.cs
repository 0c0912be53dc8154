namespace AgentChat.Backend.Api;

/// <summary>Asks the auth service's <c>/health</c> whether it is up, for the backend's own health detail.</summary>
public sealed class AuthProbe(BackendOptions options) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

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
