namespace AgentChat.E2E.Client;

/// <summary>A run the test started: its id and where its events begin in the socket's log.</summary>
public sealed record StartedRun(string RunId, string ThreadId, int StartIndex, ProtocolEvent Started);

public sealed partial class AgentChatSocket
{
    /// <summary>Sends execute_agent and waits for the run's agent_started (an error event fails).</summary>
    public async Task<StartedRun> StartRunAsync(string threadId, string agentId, string input, CancellationToken ct)
    {
        var mark = Log.Count;
        await SendAsync(new { type = "execute_agent", threadId, agentId, input }, ct);
        var (found, index) = await Log.WaitForAsync(mark,
            e => (e.Type == "agent_started" && e.ThreadId == threadId) || e.Type == "error",
            E2ETimeouts.RunStart, $"agent_started for thread {threadId} (agent {agentId})", ct);
        if (found.Type == "error")
        {
            throw new E2EFailure($"{Url}: execute_agent ({agentId} on thread {threadId}) answered {found}");
        }
        var runId = found.RunId ?? throw new E2EFailure($"{Url}: agent_started without runId: {found}");
        return new StartedRun(runId, threadId, index, found);
    }

    /// <summary>Waits for the run's terminal event and returns all its events in arrival order.</summary>
    public async Task<RunTranscript> WaitForRunAsync(StartedRun run, CancellationToken ct)
    {
        var (_, end) = await Log.WaitForAsync(run.StartIndex, e => e.RunId == run.RunId && e.IsTerminal,
            E2ETimeouts.Run, $"terminal event (agent_completed or agent_error) of run {run.RunId}", ct);
        var all = Log.Snapshot();
        var events = all.Skip(run.StartIndex).Take(end - run.StartIndex + 1).Where(e => e.RunId == run.RunId).ToList();
        return new RunTranscript(run.RunId, run.ThreadId, events);
    }

    public async Task<RunTranscript> RunAsync(string threadId, string agentId, string input, CancellationToken ct) =>
        await WaitForRunAsync(await StartRunAsync(threadId, agentId, input, ct), ct);

    /// <summary>Sends a raw frame and waits for the error event it must produce.</summary>
    public async Task<ProtocolEvent> ExpectErrorAsync(string frame, CancellationToken ct)
    {
        var mark = Log.Count;
        await SendTextAsync(frame, ct);
        return await Log.NextMatchingAsync(mark, "error", ct);
    }

    public async Task<ProtocolEvent> PingAsync(CancellationToken ct)
    {
        var mark = Log.Count;
        await SendAsync(new { type = "ping" }, ct);
        return await Log.NextMatchingAsync(mark, "pong", ct);
    }
}

public static class SocketEventLogExtensions
{
    public static async Task<ProtocolEvent> NextMatchingAsync(this SocketEventLog log, int from, string type, CancellationToken ct) =>
        (await log.WaitForAsync(from, e => e.Type == type, E2ETimeouts.Reply, type, ct)).Event;
}
