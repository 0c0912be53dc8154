using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentChat.Backend.Runs;

namespace AgentChat.Backend.Agents;

/// <summary>
/// The run as an agent sees it: every call emits the matching protocol event, waits the
/// configured think time on the injected clock, and keeps the answer streamed so far.
/// </summary>
public sealed class RunContext(RunEventSequencer sequencer, string agentId, string userId, IRunEventSink sink, TimeSpan thinkTime, TimeProvider time)
{
    private readonly StringBuilder _answer = new();
    private int _toolCalls;

    /// <summary>The agent that emits the next event; changes on a handoff.</summary>
    public string AgentId { get; private set; } = agentId;

    public string Answer => _answer.ToString();

    public string RunId => sequencer.RunId;

    public async Task ThinkAsync(string text, CancellationToken cancellationToken)
    {
        await WaitAsync(thinkTime, cancellationToken);
        Emit("agent_thinking", j => j.WriteString("text", text));
    }

    /// <summary>Emits a closed <c>tool_executing</c>/<c>tool_completed</c> pair, also when the tool fails.</summary>
    public async Task<JsonNode> CallToolAsync(string toolName, JsonObject args, Func<JsonObject, JsonNode> tool, CancellationToken cancellationToken)
    {
        var callId = $"{sequencer.RunId}-call-{++_toolCalls}";
        Emit("tool_executing", j =>
        {
            j.WriteString("toolCallId", callId);
            j.WriteString("toolName", toolName);
            j.WritePropertyName("args");
            args.WriteTo(j);
        });
        try
        {
            await WaitAsync(thinkTime, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A cancel must not leave the pair open.
            EmitToolCompleted(callId, toolName, new JsonObject { ["error"] = "cancelled" });
            throw;
        }

        JsonNode result;
        try
        {
            result = tool(args);
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or FormatException)
        {
            EmitToolCompleted(callId, toolName, new JsonObject { ["error"] = error.Message });
            throw new ToolFailedException(toolName, error.Message);
        }

        EmitToolCompleted(callId, toolName, result);
        return result;
    }

    private void EmitToolCompleted(string callId, string toolName, JsonNode result) =>
        Emit("tool_completed", j =>
        {
            j.WriteString("toolCallId", callId);
            j.WriteString("toolName", toolName);
            j.WritePropertyName("result");
            result.WriteTo(j);
        });

    public void Handoff(string toAgentId, string reason)
    {
        var from = AgentId;
        Emit("agent_handoff", j =>
        {
            j.WriteString("fromAgentId", from);
            j.WriteString("toAgentId", toAgentId);
            j.WriteString("reason", reason);
        });
        AgentId = toAgentId;
    }

    /// <summary>Streams the answer word by word as <c>agent_partial</c> deltas.</summary>
    public async Task StreamAsync(string answer, CancellationToken cancellationToken)
    {
        foreach (var delta in Chunks(answer))
        {
            await WaitAsync(thinkTime / 5, cancellationToken);
            _answer.Append(delta);
            Emit("agent_partial", j => j.WriteString("delta", delta));
        }
    }

    /// <summary>Splits text into words, each keeping the whitespace that follows it.</summary>
    public static IEnumerable<string> Chunks(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var endsWord = char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1]));
            if (endsWord)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private void Emit(string type, Action<Utf8JsonWriter> fields) => sink.Publish(userId, sequencer.Next(type, AgentId, fields));

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        // With no think time a cancel must still be seen between steps.
        cancellationToken.ThrowIfCancellationRequested();
        return delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
    }
}
