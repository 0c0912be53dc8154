using System.Net.WebSockets;
using System.Text.Json;

namespace AgentChat.Bench;

/// <summary>
/// One benchmark socket: reads every frame, measures emission→receipt latency from the event's
/// <c>ts</c>, and checks the stream per run: seq from 0 without gaps, no duplicate, nothing after
/// the terminal event, and nothing that belongs to another user's thread.
/// </summary>
public sealed class SocketProbe(ClientWebSocket socket, BenchUser owner, RunLedger ledger, TimeProvider time)
{
    private readonly Dictionary<string, long> _nextSeq = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);

    public ClientWebSocket Socket => socket;

    public List<double> LatenciesMs { get; } = new(4096);

    public int Gaps { get; private set; }

    public int Duplicates { get; private set; }

    public int AfterTerminal { get; private set; }

    public int Misdelivered { get; private set; }

    public int Errors { get; private set; }

    public async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var received = time.GetUtcNow().UtcTicks / (double)TimeSpan.TicksPerMillisecond - DateTimeOffset.UnixEpoch.UtcTicks / (double)TimeSpan.TicksPerMillisecond;
                    Inspect(message.GetBuffer().AsMemory(0, (int)message.Length), received);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // The run is over or the socket was dropped; a dropped socket shows up as lost events.
        }
    }

    private void Inspect(ReadOnlyMemory<byte> frame, double receivedMs)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString();
        if (type == "error")
        {
            Errors++;
            return;
        }

        if (!root.TryGetProperty("runId", out var runProperty))
        {
            return; // connection_ready, pong
        }

        var runId = runProperty.GetString()!;
        var threadId = root.GetProperty("threadId").GetString()!;
        if (threadId != owner.ThreadId)
        {
            Misdelivered++;
            return;
        }

        LatenciesMs.Add(receivedMs - root.GetProperty("ts").GetInt64());
        var seq = root.GetProperty("seq").GetInt64();
        if (_finished.Contains(runId))
        {
            AfterTerminal++;
            return;
        }

        var expected = _nextSeq.GetValueOrDefault(runId);
        if (seq < expected)
        {
            Duplicates++;
            return;
        }

        if (seq > expected)
        {
            Gaps += (int)(seq - expected);
        }

        _nextSeq[runId] = seq + 1;
        if (type is "agent_completed" or "agent_error")
        {
            _finished.Add(runId);
            _nextSeq.Remove(runId);
            ledger.TerminalSeen(owner, runId);
        }
    }
}
