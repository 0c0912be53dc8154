using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace AgentChat.Tests.Support;

/// <summary>
/// Auth and backend started once per test class as real processes on OS-chosen loopback
/// ports, with their own SQLite files in a temp folder and fresh random keys.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    public const int ThinkMs = 20;
    private static int _users;
    private readonly string? _fault;
    private readonly IReadOnlyDictionary<string, string> _backendEnvironment;

    public PlatformFixture()
        : this(null, null)
    {
    }

    protected PlatformFixture(string? fault, IReadOnlyDictionary<string, string>? backendEnvironment)
    {
        _fault = fault;
        _backendEnvironment = backendEnvironment ?? new Dictionary<string, string>();
    }

    public string TempDir { get; } = Directory.CreateTempSubdirectory("agentchat-tests-").FullName;

    public string JwtKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public string BypassKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string ServiceSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public ServiceProcess Auth { get; private set; } = null!;

    public ServiceProcess Backend { get; private set; } = null!;

    public Uri AuthUrl { get; private set; } = null!;

    public Uri BackendUrl { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A user id no other test uses (tests of one class share the services).</summary>
    public static string NewUserId() => $"test-user-{Interlocked.Increment(ref _users):D4}-{Guid.NewGuid():N}"[..40];

    protected virtual string DatabaseFor(string service) => Path.Combine(TempDir, $"{service}.db");

    public virtual async ValueTask InitializeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var common = new Dictionary<string, string>
        {
            ["AGENTCHAT_JWT_KEY"] = JwtKey,
            ["AGENTCHAT_E2E_BYPASS_KEY"] = BypassKey,
            ["AGENTCHAT_SERVICE_SECRET"] = ServiceSecret,
            ["AGENTCHAT_FAULT"] = _fault ?? string.Empty,
            ["AGENTCHAT_SLOW_DB_MS"] = "1500",
        };
        Auth = ServiceProcess.Start("AgentChat.Auth", TempDir, new Dictionary<string, string>(common) { ["AGENTCHAT_DB"] = DatabaseFor("auth") });
        AuthUrl = await Auth.WaitForAddressAsync(limit.Token);

        var backend = new Dictionary<string, string>(common)
        {
            ["AGENTCHAT_DB"] = DatabaseFor("backend"),
            ["AGENTCHAT_AUTH_URL"] = AuthUrl.ToString(),
            ["AGENTCHAT_THINK_MS"] = ThinkMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in _backendEnvironment)
        {
            backend[name] = value;
        }

        Backend = ServiceProcess.Start("AgentChat.Backend", TempDir, backend);
        BackendUrl = await Backend.WaitForAddressAsync(limit.Token);
    }

    public virtual async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }

        if (Auth is not null)
        {
            await Auth.DisposeAsync();
        }

        try
        {
            Directory.Delete(TempDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process; the OS temp cleaner takes it later.
        }

        GC.SuppressFinalize(this);
    }

    public async Task<string> TokenAsync(string userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(AuthUrl, "/auth/token"))
        {
            Content = JsonContent.Create(new { userId }),
        };
        request.Headers.Add("X-E2E-Bypass-Key", BypassKey);
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("accessToken").GetString()!;
    }

    public HttpRequestMessage Api(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(BackendUrl, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public async Task<string> CreateThreadAsync(string token, CancellationToken cancellationToken)
    {
        using var request = Api(HttpMethod.Post, "/api/threads", token, new { title = "test thread" });
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
    }

    public async Task<(string Token, TestSocket Socket)> ConnectNewUserAsync(CancellationToken cancellationToken)
    {
        var token = await TokenAsync(NewUserId(), cancellationToken);
        var socket = await TestSocket.ConnectAsync(BackendUrl, token, TokenTransport.Header, cancellationToken);
        await socket.ExpectReadyAsync(cancellationToken);
        return (token, socket);
    }
}
