using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentChat.Backend.Runs;

/// <summary>One serialized run event, ready to be written to every socket of its user.</summary>
public sealed record RunEvent(string Type, long Seq, ReadOnlyMemory<byte> Json);

/// <summary>
/// Builds a run's events and guards the protocol's invariants: <c>agent_started</c> first,
/// <c>seq</c> from 0 without gaps, exactly one terminal event and nothing after it. Breaking an
/// invariant is a bug in the caller, so it throws instead of emitting a bad stream.
/// </summary>
public sealed class RunEventSequencer(string threadId, string runId, TimeProvider time)
{
    public const string Started = "agent_started";
    public const string Completed = "agent_completed";
    public const string Error = "agent_error";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _gate = new();
    private long _next;
    private bool _finished;

    public string RunId => runId;

    public string ThreadId => threadId;

    public bool IsFinished
    {
        get { lock (_gate) { return _finished; } }
    }

    public static bool IsTerminal(string type) => type is Completed or Error;

    /// <summary>Stamps the next event; <paramref name="fields"/> writes the type-specific properties.</summary>
    public RunEvent Next(string type, string agentId, Action<Utf8JsonWriter>? fields = null)
    {
        lock (_gate)
        {
            if (_finished)
            {
                throw new InvalidOperationException($"run {runId} already ended; cannot emit {type}");
            }

            if (_next == 0 && type != Started)
            {
                throw new InvalidOperationException($"the first event of run {runId} must be {Started}, not {type}");
            }

            if (_next > 0 && type == Started)
            {
                throw new InvalidOperationException($"run {runId} already started");
            }

            var seq = _next++;
            _finished = IsTerminal(type);
            return new RunEvent(type, seq, Serialize(type, seq, agentId, fields));
        }
    }

    private ReadOnlyMemory<byte> Serialize(string type, long seq, string agentId, Action<Utf8JsonWriter>? fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteNumber("seq", seq);
            json.WriteNumber("ts", time.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteString("threadId", threadId);
            json.WriteString("runId", runId);
            json.WriteString("agentId", agentId);
            fields?.Invoke(json);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
