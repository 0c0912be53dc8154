using AgentChat.Backend.Agents;
using AgentChat.Backend.Storage;

namespace AgentChat.Backend.Runs;

/// <summary>
/// A run the coordinator accepted: who asked, on which thread, with which agent.
/// <see cref="Ending"/> runs just before the terminal event goes out, so a client that reacts to
/// it at once (the next run on the thread) never finds the run still active.
/// </summary>
public sealed record RunRequest(string UserId, string ThreadId, string RunId, IAgent Agent, string Input, Action? Ending = null);

/// <summary>
/// Drives one agent run and owns its frame: <c>agent_started</c> first, then the agent's
/// events, then exactly one terminal event. The assistant message is the streamed answer,
/// persisted before the terminal event so a client that reads the thread afterwards finds it.
/// </summary>
public sealed class AgentRunner(ChatStore store, IRunEventSink sink, TimeProvider time, BackendOptions options, ILogger<AgentRunner> log)
{
    public async Task RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var sequencer = new RunEventSequencer(request.ThreadId, request.RunId, time);
        var context = new RunContext(sequencer, request.Agent.AgentId, request.UserId, sink, options.ThinkTime, time);
        using var scope = log.BeginScope(new Dictionary<string, object?> { ["RunId"] = request.RunId, ["UserId"] = request.UserId });
        sink.Publish(request.UserId, sequencer.Next(RunEventSequencer.Started, request.Agent.AgentId, j => j.WriteString("input", request.Input)));
        log.LogInformation("run started: agent {AgentId} on thread {ThreadId}", request.Agent.AgentId, request.ThreadId);

        string outcome;
        try
        {
            await request.Agent.RunAsync(context, request.Input, cancellationToken);
            outcome = "success";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
        }
        catch (ToolFailedException error)
        {
            log.LogWarning("run failed: {Reason}", error.Message);
            Fail(request, sequencer, context, "tool_failed", error.Message);
            return;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            log.LogError(error, "run failed: agent {AgentId} threw", context.AgentId);
            Fail(request, sequencer, context, "agent_failed", "the agent failed unexpectedly");
            return;
        }

        try
        {
            // Persisted even when cancelled, so the stored message always equals the streamed deltas.
            var message = await store.AddMessageAsync(request.ThreadId, "assistant", context.Answer, request.RunId, context.AgentId, CancellationToken.None);
            request.Ending?.Invoke();
            sink.Publish(request.UserId, sequencer.Next(RunEventSequencer.Completed, context.AgentId, j =>
            {
                j.WriteString("outcome", outcome);
                j.WriteString("messageId", message.Id);
            }));
            log.LogInformation("run completed: {Outcome}, {Length} characters", outcome, context.Answer.Length);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            log.LogError(error, "run failed: could not store the assistant message");
            Fail(request, sequencer, context, "storage_failed", "the answer could not be stored");
        }
    }

    private void Fail(RunRequest request, RunEventSequencer sequencer, RunContext context, string code, string message)
    {
        request.Ending?.Invoke();
        sink.Publish(request.UserId, sequencer.Next(RunEventSequencer.Error, context.AgentId, j =>
        {
            j.WriteString("code", code);
            j.WriteString("message", message);
        }));
    }
}
