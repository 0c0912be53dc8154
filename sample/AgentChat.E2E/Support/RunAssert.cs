using System.Text.Json;
using AgentChat.E2E.Client;

namespace AgentChat.E2E.Support;

/// <summary>The run invariants of sample/PROTOCOL.md, checked on what the client received.</summary>
public static class RunAssert
{
    /// <summary>First agent_started, seq 0.. without gaps, one terminal and last, tool pairs closed.</summary>
    public static void Invariants(RunTranscript run)
    {
        Assert.NotEmpty(run.Events);
        Assert.Equal("agent_started", run.Events[0].Type);
        for (var i = 0; i < run.Events.Count; i++)
        {
            var e = run.Events[i];
            Assert.True(e.Seq == i, $"event {i} of run {run.RunId} has seq {e.Seq}: {e}");
            Assert.Equal(run.ThreadId, e.ThreadId);
            Assert.False(string.IsNullOrEmpty(e.AgentId), $"event without agentId: {e}");
            Assert.NotNull(e.Ts);
        }
        Assert.Single(run.Events, e => e.IsTerminal);
        Assert.True(run.Terminal.IsTerminal, $"last event is not terminal: {run.Terminal}");
        ToolPairsClosed(run);
    }

    /// <summary>Invariants plus a successful outcome.</summary>
    public static void Succeeded(RunTranscript run)
    {
        Assert.True(run.Terminal.Type == "agent_completed" && run.Terminal.Str("outcome") == "success",
            $"run {run.RunId} ended with {run.Terminal}; events: {string.Join(", ", run.Types)}");
        Invariants(run);
    }

    public static void ToolPairsClosed(RunTranscript run)
    {
        var open = new Dictionary<string, string>();
        foreach (var e in run.Events)
        {
            if (e.Type == "tool_executing")
            {
                open.Add(e.Str("toolCallId") ?? throw new E2EFailure($"tool_executing without toolCallId: {e}"), e.Str("toolName") ?? "");
            }
            else if (e.Type == "tool_completed")
            {
                var id = e.Str("toolCallId") ?? throw new E2EFailure($"tool_completed without toolCallId: {e}");
                Assert.True(open.Remove(id, out var name), $"tool_completed for unknown call {id}: {e}");
                Assert.Equal(name, e.Str("toolName"));
            }
        }
        Assert.True(open.Count == 0, $"tool calls never completed: {string.Join(", ", open.Keys)}");
    }

    /// <summary>The types appear in this order (other events may sit between them).</summary>
    public static void InOrder(RunTranscript run, params string[] types)
    {
        var at = 0;
        foreach (var type in run.Types)
        {
            if (at < types.Length && type == types[at])
            {
                at++;
            }
        }
        Assert.True(at == types.Length,
            $"expected {string.Join(" → ", types)} in order; got {string.Join(", ", run.Types)}");
    }

    /// <summary>The stored assistant message of the run: its content equals the streamed deltas.</summary>
    public static JsonElement StoredAnswerMatches(RunTranscript run, JsonElement[] messages)
    {
        var answer = Assert.Single(messages, m => m.GetProperty("role").GetString() == "assistant"
            && m.TryGetProperty("runId", out var r) && r.GetString() == run.RunId);
        Assert.Equal(run.Deltas, answer.GetProperty("content").GetString());
        return answer;
    }

    public static double Number(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new E2EFailure($"expected number '{name}' in {obj}");
}
