using System.Text.RegularExpressions;

namespace AgentChat.Common.Tokens;

/// <summary>The one rule for what a user id looks like (e.g. <c>e2e-user-001</c>).</summary>
public static partial class UserIdFormat
{
    public static bool IsValid(string? userId) => userId is not null && Pattern().IsMatch(userId);

    /// <summary>Throws <see cref="FormatException"/> naming the id when it breaks the rule.</summary>
    public static string Require(string? userId) =>
        IsValid(userId) ? userId! : throw new FormatException($"Invalid user_id format: {userId}");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
