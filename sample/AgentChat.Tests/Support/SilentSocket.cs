using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AgentChat.Tests.Support;

/// <summary>
/// A WebSocket client written on a bare TCP connection that upgrades without a token, reads the
/// server's close frame and never answers it: the client that used to hold capacity slots.
/// <see cref="System.Net.WebSockets.ClientWebSocket"/> cannot play it, it always answers a close it reads.
/// </summary>
public sealed class SilentSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private SilentSocket(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<SilentSocket> OpenAsync(Uri backend, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(backend.Host, backend.Port, cancellationToken);
        var socket = new SilentSocket(tcp);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET /ws HTTP/1.1\r\nHost: {backend.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await socket._stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        return socket;
    }

    /// <summary>Reads the 101 response, then the server's close frame; returns its status code.</summary>
    public async Task<int> ReadCloseAsync(CancellationToken cancellationToken)
    {
        var headers = new List<byte>();
        while (!headers.TakeLast(4).SequenceEqual("\r\n\r\n"u8.ToArray()))
        {
            headers.Add(await ReadByteAsync(cancellationToken));
        }

        Assert.StartsWith("HTTP/1.1 101", Encoding.ASCII.GetString([.. headers]), StringComparison.Ordinal);
        var opcode = await ReadByteAsync(cancellationToken) & 0x0F;
        var length = await ReadByteAsync(cancellationToken) & 0x7F; // server frames are unmasked; close payloads are < 126 bytes
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, cancellationToken);
        Assert.Equal(0x8, opcode);
        return (payload[0] << 8) | payload[1];
    }

    /// <summary>Waits until the server ends the TCP connection (end of stream or reset).</summary>
    public async Task WaitUntilCutOffAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is also the server cutting the connection.
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await _stream.ReadExactlyAsync(one, cancellationToken);
        return one[0];
    }
}
