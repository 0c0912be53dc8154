namespace AgentChat.Common.Tokens;

/// <summary>The outcome of validating a token: a user id, or the reason it was refused.</summary>
public sealed record TokenCheck(bool Valid, string? UserId, DateTimeOffset? ExpiresAt, string? Reason)
{
    public static TokenCheck Refused(string reason) => new(false, null, null, reason);
}

/// <summary>A freshly issued access token.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt, int ExpiresIn);
