using System.Collections.Concurrent;
using AgentChat.Backend.Runs;

namespace AgentChat.Backend.Sockets;

/// <summary>
/// Open sockets by user, and the connection cap. A run's events go to every socket of its
/// user and to no other: delivery is looked up by the user id the token proved.
/// </summary>
public sealed class ConnectionRegistry(BackendOptions options) : IRunEventSink
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ClientConnection>> _byUser = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _reserved;

    public int Count => Volatile.Read(ref _reserved);

    /// <summary>Takes a slot under the cap; false when the server is full.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= options.MaxConnections)
        {
            return true;
        }

        Interlocked.Decrement(ref _reserved);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref _reserved);

    // Adds and removes are rare next to publishes; one lock keeps "remove the empty user" race-free.
    public void Add(ClientConnection connection)
    {
        lock (_gate)
        {
            _byUser.GetOrAdd(connection.UserId, _ => new(StringComparer.Ordinal))[connection.Id] = connection;
        }
    }

    public void Remove(ClientConnection connection)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(connection.UserId, out var sockets) && sockets.TryRemove(connection.Id, out _) && sockets.IsEmpty)
            {
                _byUser.TryRemove(connection.UserId, out _);
            }
        }
    }

    public IReadOnlyCollection<ClientConnection> For(string userId) =>
        _byUser.TryGetValue(userId, out var sockets) ? [.. sockets.Values] : [];

    public void Publish(string userId, RunEvent runEvent)
    {
        if (!_byUser.TryGetValue(userId, out var sockets))
        {
            return;
        }

        foreach (var connection in sockets.Values)
        {
            connection.Send(runEvent.Json);
        }
    }
}
