using AgentChat.Common.Tokens;

namespace AgentChat.Backend.Sockets;

public enum ConnectionState
{
    Connecting,
    Authenticated,
    Ready,
}

/// <summary>
/// CONNECTING → AUTHENTICATED → READY. Between accept and authentication the connection holds
/// the temporary user id <c>pending_auth</c>; the <c>reject-pending-auth</c> fault replays the
/// bug of incident 1, where the id check ran on that temporary id instead of the token's.
/// </summary>
public sealed class ConnectionStateMachine(bool checkTemporaryIdBug)
{
    public const string PendingAuth = "pending_auth";

    public ConnectionState State { get; private set; } = ConnectionState.Connecting;

    public string UserId { get; private set; } = PendingAuth;

    /// <summary>Runs before the token is read; returns the error a real bug would raise, or null.</summary>
    public string? CheckBeforeToken() =>
        checkTemporaryIdBug && !UserIdFormat.IsValid(UserId) ? $"Invalid user_id format: {UserId}" : null;

    /// <summary>Moves to AUTHENTICATED with the token's user id; returns an error for a malformed id.</summary>
    public string? Authenticate(string tokenUserId)
    {
        if (State != ConnectionState.Connecting)
        {
            throw new InvalidOperationException($"cannot authenticate in state {State}");
        }

        if (!UserIdFormat.IsValid(tokenUserId))
        {
            return $"Invalid user_id format: {tokenUserId}";
        }

        UserId = tokenUserId;
        State = ConnectionState.Authenticated;
        return null;
    }

    public void MarkReady()
    {
        if (State != ConnectionState.Authenticated)
        {
            throw new InvalidOperationException($"cannot become ready in state {State}");
        }

        State = ConnectionState.Ready;
    }
}
