using System.Collections.Concurrent;

namespace AgentChat.Backend.Runs;

/// <summary>
/// Hands an accepted run command to the handler wired for its message type. Handlers are wired
/// once at start (Program.cs). A command whose type has no handler is dropped with a warning,
/// which is how incident 4's pipeline failed: <c>execute_agent</c> accepted, no run ever started.
/// The <c>unwired-pipeline</c> fault leaves <see cref="StartAgent"/> unwired.
/// </summary>
public sealed class RunPipeline(ILogger<RunPipeline> log)
{
    public const string StartAgent = "START_AGENT";

    private readonly ConcurrentDictionary<string, Func<RunRequest, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);

    public void Wire(string messageType, Func<RunRequest, CancellationToken, Task> handler) => _handlers[messageType] = handler;

    /// <summary>Starts the handler in the background; false when no handler is wired for the type.</summary>
    public bool Dispatch(string messageType, RunRequest request, CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(messageType, out var handler))
        {
            log.LogWarning("no handler registered for message type {MessageType}; run {RunId} for agent {AgentId} dropped", messageType, request.RunId, request.Agent.AgentId);
            return false;
        }

        _ = Task.Run(() => handler(request, cancellationToken), CancellationToken.None);
        return true;
    }
}
