using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentChat.Backend.Sockets;

/// <summary>The frames the server sends outside runs: ready, pong, error.</summary>
public static class ServerMessages
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly ReadOnlyMemory<byte> Pong = """{"type":"pong"}"""u8.ToArray();

    public static ReadOnlyMemory<byte> Ready(string connectionId, string userId) => Write(j =>
    {
        j.WriteString("type", "connection_ready");
        j.WriteString("connectionId", connectionId);
        j.WriteString("userId", userId);
    });

    public static ReadOnlyMemory<byte> Error(string code, string message) => Write(j =>
    {
        j.WriteString("type", "error");
        j.WriteString("code", code);
        j.WriteString("message", message);
    });

    private static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
