using System.Collections.Concurrent;

namespace AgentChat.Bench;

/// <summary>A user of the benchmark: one token, one thread, several sockets.</summary>
public sealed class BenchUser(string userId, string token, string threadId)
{
    public string UserId => userId;

    public string Token => token;

    public string ThreadId => threadId;

    public List<SocketProbe> Sockets { get; } = [];

    /// <summary>1 while a run is outstanding on this user's thread.</summary>
    public int Busy;
}

/// <summary>Counts runs sent and the terminal events each user's sockets received.</summary>
public sealed class RunLedger
{
    private readonly ConcurrentDictionary<string, int> _terminals = new(StringComparer.Ordinal);
    private int _sent;
    private int _complete;

    public int Sent => Volatile.Read(ref _sent);

    public int Complete => Volatile.Read(ref _complete);

    public void Sending() => Interlocked.Increment(ref _sent);

    /// <summary>A run is complete when every socket of its user saw its terminal event.</summary>
    public void TerminalSeen(BenchUser user, string runId)
    {
        if (_terminals.AddOrUpdate(runId, 1, (_, n) => n + 1) == user.Sockets.Count)
        {
            Interlocked.Increment(ref _complete);
            Volatile.Write(ref user.Busy, 0);
        }
    }
}
