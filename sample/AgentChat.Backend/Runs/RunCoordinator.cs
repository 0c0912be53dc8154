using System.Collections.Concurrent;
using AgentChat.Backend.Agents;
using AgentChat.Backend.Storage;

namespace AgentChat.Backend.Runs;

public enum StartOutcome
{
    Started,
    BadRequest,
    UnknownAgent,
    ThreadNotFound,
    RunInProgress,
}

public sealed record StartResult(StartOutcome Outcome, string? RunId, string? Detail);

/// <summary>
/// Accepts <c>execute_agent</c> and <c>cancel_run</c>: checks the agent, the thread's owner and
/// that the thread has no active run, stores the user message, and starts the run in the
/// background through the <see cref="RunPipeline"/>. One active run per thread keeps the thread's message order well defined.
/// </summary>
public sealed class RunCoordinator(
    AgentCatalog agents,
    ChatStore store,
    AgentRunner runner,
    RunPipeline pipeline,
    IHostApplicationLifetime lifetime,
    ILogger<RunCoordinator> log)
{
    public const int MaxInputLength = 16 * 1024;

    private sealed record ActiveRun(string UserId, string ThreadId, CancellationTokenSource Cancel);

    private readonly ConcurrentDictionary<string, ActiveRun> _byRun = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _threadToRun = new(StringComparer.Ordinal);

    public int ActiveRuns => _byRun.Count;

    public async Task<StartResult> StartAsync(string userId, string? threadId, string? agentId, string? input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(threadId) || string.IsNullOrWhiteSpace(agentId) || input is null)
        {
            return new(StartOutcome.BadRequest, null, "execute_agent needs threadId, agentId and input");
        }

        if (input.Length > MaxInputLength)
        {
            return new(StartOutcome.BadRequest, null, $"input is longer than {MaxInputLength} characters");
        }

        if (agents.Find(agentId) is not { } agent)
        {
            return new(StartOutcome.UnknownAgent, null, $"unknown agent '{agentId}'");
        }

        if (await store.GetThreadAsync(userId, threadId, cancellationToken) is null)
        {
            return new(StartOutcome.ThreadNotFound, null, "thread not found");
        }

        var runId = "run-" + Guid.NewGuid().ToString("N");
        if (!_threadToRun.TryAdd(threadId, runId))
        {
            return new(StartOutcome.RunInProgress, null, "a run is already active on this thread");
        }

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _byRun[runId] = new ActiveRun(userId, threadId, cancel);
        try
        {
            await store.AddMessageAsync(threadId, "user", input, runId, agentId, cancellationToken);
        }
        catch
        {
            Finish(runId);
            throw;
        }

        if (!pipeline.Dispatch(RunPipeline.StartAgent, new RunRequest(userId, threadId, runId, agent, input, () => Finish(runId)), cancel.Token))
        {
            // Accepted, but nothing will run it: the thread must not stay busy forever.
            Finish(runId);
        }

        return new(StartOutcome.Started, runId, null);
    }

    /// <summary>Cancels one of the user's own runs; another user's run is "not found".</summary>
    public bool Cancel(string userId, string? runId)
    {
        if (runId is null || !_byRun.TryGetValue(runId, out var run) || run.UserId != userId)
        {
            return false;
        }

        try
        {
            run.Cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false; // the run ended while the cancel was on its way
        }

        log.LogInformation("run {RunId} cancel requested", runId);
        return true;
    }

    /// <summary>The <see cref="RunPipeline.StartAgent"/> handler: runs the agent, then frees the thread.</summary>
    public async Task RunToEndAsync(RunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await runner.RunAsync(request, cancellationToken);
        }
        catch (Exception error)
        {
            // A run must never take the process down; the error is a bug worth an error line.
            log.LogError(error, "run {RunId} crashed", request.RunId);
        }
        finally
        {
            Finish(request.RunId);
        }
    }

    private void Finish(string runId)
    {
        if (_byRun.TryRemove(runId, out var run))
        {
            _threadToRun.TryRemove(new KeyValuePair<string, string>(run.ThreadId, runId));
            run.Cancel.Dispose();
        }
    }
}
