using System.Text.Json.Serialization;

namespace AgentChat.Auth;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record LoginRequest(string? Email, string? Password);

public sealed record TokenRequest(string? UserId);

public sealed record ValidateRequest(string? Token);

public sealed record RegisteredUser(string UserId, string Email);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string UserId);

public sealed record AuthHealth(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("database_status")] string DatabaseStatus,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds);
