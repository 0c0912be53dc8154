using System.Data.Common;
using AgentChat.Common.Storage;

namespace AgentChat.Backend.Storage;

public sealed record ChatThread(string Id, string Title, DateTimeOffset CreatedAt);

public sealed record ChatMessage(string Id, string Role, string Content, string? RunId, string? AgentId, DateTimeOffset CreatedAt);

/// <summary>
/// Threads and messages. Every query is scoped by user id, so another user's thread is simply
/// not found: callers cannot tell it apart from one that never existed (404, not 403).
/// </summary>
public sealed class ChatStore(IDbConnector db, TimeProvider time)
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS threads (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            title TEXT NOT NULL,
            created_at BIGINT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS threads_by_user ON threads (user_id, created_at)",
        """
        CREATE TABLE IF NOT EXISTS messages (
            id TEXT PRIMARY KEY,
            thread_id TEXT NOT NULL,
            position BIGINT NOT NULL,
            role TEXT NOT NULL,
            content TEXT NOT NULL,
            run_id TEXT,
            agent_id TEXT,
            created_at BIGINT NOT NULL,
            UNIQUE (thread_id, position))
        """,
    ];

    public async Task<ChatThread> CreateThreadAsync(string userId, string title, CancellationToken cancellationToken)
    {
        var thread = new ChatThread("t-" + Guid.NewGuid().ToString("N"), title, Now());
        await db.ExecuteAsync(
            "INSERT INTO threads (id, user_id, title, created_at) VALUES (@id, @user, @title, @at)",
            cancellationToken,
            ("@id", thread.Id), ("@user", userId), ("@title", title), ("@at", thread.CreatedAt.ToUnixTimeMilliseconds()));
        return thread;
    }

    public async Task<IReadOnlyList<ChatThread>> ListThreadsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, title, created_at FROM threads WHERE user_id = @user ORDER BY created_at, id", ("@user", userId));
        return await ReadAllAsync(command, r => new ChatThread(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2))), cancellationToken);
    }

    public async Task<ChatThread?> GetThreadAsync(string userId, string threadId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, title, created_at FROM threads WHERE id = @id AND user_id = @user", ("@id", threadId), ("@user", userId));
        var rows = await ReadAllAsync(command, r => new ChatThread(r.GetString(0), r.GetString(1), FromMs(r.GetInt64(2))), cancellationToken);
        return rows.Count == 1 ? rows[0] : null;
    }

    public async Task<bool> DeleteThreadAsync(string userId, string threadId, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var delete = connection.Command("DELETE FROM threads WHERE id = @id AND user_id = @user", ("@id", threadId), ("@user", userId));
        delete.Transaction = transaction;
        if (await delete.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await using var messages = connection.Command("DELETE FROM messages WHERE thread_id = @id", ("@id", threadId));
        messages.Transaction = transaction;
        await messages.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Appends a message; the caller has already checked that the thread is the user's.</summary>
    public async Task<ChatMessage> AddMessageAsync(string threadId, string role, string content, string? runId, string? agentId, CancellationToken cancellationToken)
    {
        var message = new ChatMessage("m-" + Guid.NewGuid().ToString("N"), role, content, runId, agentId, Now());
        await db.ExecuteAsync(
            """
            INSERT INTO messages (id, thread_id, position, role, content, run_id, agent_id, created_at)
            VALUES (@id, @thread, (SELECT COALESCE(MAX(position), 0) + 1 FROM messages WHERE thread_id = @thread), @role, @content, @run, @agent, @at)
            """,
            cancellationToken,
            ("@id", message.Id), ("@thread", threadId), ("@role", role), ("@content", content),
            ("@run", runId), ("@agent", agentId), ("@at", message.CreatedAt.ToUnixTimeMilliseconds()));
        return message;
    }

    public async Task<IReadOnlyList<ChatMessage>?> ListMessagesAsync(string userId, string threadId, CancellationToken cancellationToken)
    {
        if (await GetThreadAsync(userId, threadId, cancellationToken) is null)
        {
            return null;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, role, content, run_id, agent_id, created_at FROM messages WHERE thread_id = @thread ORDER BY position",
            ("@thread", threadId));
        return await ReadAllAsync(
            command,
            r => new ChatMessage(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), FromMs(r.GetInt64(5))),
            cancellationToken);
    }

    private DateTimeOffset Now() => FromMs(time.GetUtcNow().ToUnixTimeMilliseconds());

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }
}
