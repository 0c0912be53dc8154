namespace AgentChat.Auth;

/// <summary>Auth settings from the environment; a null key turns its route off.</summary>
public sealed record AuthOptions(string? BypassKey, string? ServiceSecret, int PasswordIterations, string Environment)
{
    public static AuthOptions From(IConfiguration configuration) => new(
        NullIfEmpty(configuration["AGENTCHAT_E2E_BYPASS_KEY"]),
        NullIfEmpty(configuration["AGENTCHAT_SERVICE_SECRET"]),
        configuration.GetValue("AGENTCHAT_PBKDF2_ITERATIONS", PasswordHasher.DefaultIterations),
        NullIfEmpty(configuration["ASPNETCORE_ENVIRONMENT"]) ?? "staging");

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
