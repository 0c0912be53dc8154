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
/// bug of incident 1, where the user id was validated on accept, that is on the temporary id,
/// instead of on the token's id after authentication.
/// </summary>
public sealed class ConnectionStateMachine(bool validateOnAccept)
{
    public const string PendingAuth = "pending_auth";

    public ConnectionState State { get; private set; } = ConnectionState.Connecting;

    public string UserId { get; private set; } = PendingAuth;

    /// <summary>Runs once the upgrade is accepted, before the token is read.</summary>
    public void Accept()
    {
        if (validateOnAccept)
        {
            // The id held now is pending_auth, which the real validator rejects with a FormatException.
            UserIdFormat.Require(UserId);
        }
    }

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
