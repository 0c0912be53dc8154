using System.Data.Common;
using AgentChat.Common.Storage;

namespace AgentChat.Auth;

public sealed record StoredUser(string Id, string Email, string DisplayName, string PasswordHash);

/// <summary>Users, keyed by id, unique by lower-cased email.</summary>
public sealed class UserStore(IDbConnector db, TimeProvider time)
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL)
        """,
    ];

    /// <summary>Returns false when the email is taken.</summary>
    public async Task<bool> TryAddAsync(StoredUser user, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES (@id, @email, @name, @hash, @at) ON CONFLICT (email) DO NOTHING",
            ("@id", user.Id), ("@email", user.Email), ("@name", user.DisplayName), ("@hash", user.PasswordHash),
            ("@at", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<StoredUser?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, email, display_name, password_hash FROM users WHERE email = @email", ("@email", email));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredUser(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }
}
