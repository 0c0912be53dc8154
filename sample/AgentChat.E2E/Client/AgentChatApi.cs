using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AgentChat.E2E.Client;

public enum Service
{
    Auth,
    Backend,
}

/// <summary>An E2E user: its id and a bearer token issued by the auth service.</summary>
public sealed record E2EUser(string UserId, string AccessToken);

/// <summary>
/// HTTP client for both services. Every request carries X-Greenlight-Test with the test's name
/// so Greenlight's recording proxy can tie it to the test. Connection failures and timeouts are
/// raised as <see cref="E2EFailure"/> naming the address; nothing is retried or swallowed.
/// </summary>
public sealed class AgentChatApi(string testName)
{
    public const string TestHeader = "X-Greenlight-Test";

    // One pool for the whole suite: the handler is thread-safe and holds no per-test state.
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        ConnectTimeout = E2ETimeouts.Http,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public string TestName { get; } = testName;

    public static Uri BaseUrl(Service service) => service == Service.Auth ? E2ESettings.AuthUrl : E2ESettings.BackendUrl;

    public async Task<ApiResponse> SendAsync(
        Service service, HttpMethod method, string path, object? body = null, string? bearer = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        var url = new Uri(BaseUrl(service), path.TrimStart('/'));
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(TestHeader, TestName);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var label = $"{method} {url}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(E2ETimeouts.Http);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await Http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return new ApiResponse(label, response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                text, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new E2EFailure($"{label}: no response within {E2ETimeouts.Http.TotalSeconds:0} s ({service} at {BaseUrl(service)})", e);
        }
        catch (HttpRequestException e)
        {
            throw new E2EFailure($"{label}: cannot reach {service} at {BaseUrl(service)}: {e.Message}", e);
        }
    }

    public Task<ApiResponse> GetAsync(Service service, string path, string? bearer = null, CancellationToken ct = default) =>
        SendAsync(service, HttpMethod.Get, path, null, bearer, null, ct);

    /// <summary>A fresh user with a unique id (e2e-user-&lt;random&gt;), so tests never share state.</summary>
    public async Task<E2EUser> NewUserAsync(CancellationToken ct)
    {
        var userId = "e2e-user-" + Guid.NewGuid().ToString("N")[..16];
        var response = await IssueTokenAsync(userId, E2ESettings.BypassKey, ct);
        var json = response.Expect(HttpStatusCode.OK).Json;
        var token = json.GetProperty("accessToken").GetString()
            ?? throw new E2EFailure($"{response.Request} returned a null accessToken");
        return new E2EUser(userId, token);
    }

    public Task<ApiResponse> IssueTokenAsync(string userId, string? bypassKey, CancellationToken ct) =>
        SendAsync(Service.Auth, HttpMethod.Post, "auth/token", new { userId }, null,
            bypassKey is null ? null : new Dictionary<string, string> { ["X-E2E-Bypass-Key"] = bypassKey }, ct);

    public async Task<string> CreateThreadAsync(E2EUser user, string title, CancellationToken ct)
    {
        var response = await SendAsync(Service.Backend, HttpMethod.Post, "api/threads", new { title }, user.AccessToken, null, ct);
        return response.Expect(HttpStatusCode.Created).Json.GetProperty("id").GetString()
            ?? throw new E2EFailure($"{response.Request} returned a null thread id");
    }

    public async Task<JsonElement[]> ListMessagesAsync(E2EUser user, string threadId, CancellationToken ct)
    {
        var response = await GetAsync(Service.Backend, $"api/threads/{threadId}/messages", user.AccessToken, ct);
        return [.. response.Expect(HttpStatusCode.OK).Json.EnumerateArray()];
    }
}
