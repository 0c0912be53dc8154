using System.Text;
using Microsoft.Extensions.Configuration;

namespace AgentChat.Common.Tokens;

/// <summary>HS256 settings both services read from the same environment variables.</summary>
public sealed record JwtSettings(byte[] Key, int Minutes, bool UsingDevelopmentKey)
{
    public const string Issuer = "agentchat-auth";
    public const string Audience = "agentchat";
    public const int MinimumKeyBytes = 32;

    // Public on purpose: a development key is only safe because it is well known and never deployed.
    private const string DevelopmentKey = "agentchat-development-key-not-for-production-use-0001";

    /// <summary>Reads AGENTCHAT_JWT_KEY and AGENTCHAT_TOKEN_MINUTES; returns an error for a short key.</summary>
    public static (JwtSettings? Settings, string? Error) From(IConfiguration configuration)
    {
        var minutes = configuration.GetValue("AGENTCHAT_TOKEN_MINUTES", 15);
        if (minutes is < 1 or > 24 * 60)
        {
            return (null, "AGENTCHAT_TOKEN_MINUTES must be between 1 and 1440");
        }

        var key = configuration["AGENTCHAT_JWT_KEY"];
        if (string.IsNullOrEmpty(key))
        {
            return (new JwtSettings(Encoding.UTF8.GetBytes(DevelopmentKey), minutes, true), null);
        }

        var bytes = Encoding.UTF8.GetBytes(key);
        return bytes.Length < MinimumKeyBytes
            ? (null, $"AGENTCHAT_JWT_KEY must be at least {MinimumKeyBytes} bytes for HS256")
            : (new JwtSettings(bytes, minutes, false), null);
    }
}
