using System.Security.Cryptography;
using System.Text;

namespace AgentChat.Common.Hosting;

/// <summary>Compares a presented secret with the configured one in constant time.</summary>
public static class SecretCompare
{
    public static bool Matches(string? presented, string? configured) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(configured)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured));
}
