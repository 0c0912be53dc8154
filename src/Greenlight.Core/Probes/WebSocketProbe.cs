using System.Net.WebSockets;
using System.Text.Json;
using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Secrets;
using Greenlight.Stages;

namespace Greenlight.Probes;

/// <summary>
/// Opens a WebSocket (optionally with a token from another service, as an Authorization header or
/// a subprotocol), waits for the configured first message type, then closes with 1000. A close by
/// the server (1008, 1011…) is recorded in <see cref="ProbeResult.CloseCode"/>.
/// </summary>
public sealed class WebSocketProbe(HttpClient http, TimeProvider time, SecretRedactor redactor) : IProbe
{
    private const int MaxMessageBytes = 64 * 1024;

    public ProbeKind Kind => ProbeKind.WebSocket;

    public async Task<ProbeResult> ProbeAsync(ProbeConfig probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        var url = ProbeText.Resolve(target.BaseUrl, probe.Target, webSocket: true);
        var result = new ProbeResult { Service = target.Service, Kind = ProbeKind.WebSocket, Url = url.ToString(), Healthy = false, At = time.GetUtcNow() };
        using var timeout = new CancellationTokenSource(probe.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var start = time.GetTimestamp();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            var failure = await ConfigureAsync(socket.Options, probe, target, linked.Token).ConfigureAwait(false);
            if (failure is not null)
            {
                return result with { Latency = time.GetElapsedTime(start), Detail = failure };
            }

            try
            {
                await socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
            }
            catch (WebSocketException e)
            {
                var status = (int)socket.HttpStatusCode;
                return result with
                {
                    StatusCode = status == 0 ? null : status,
                    Latency = time.GetElapsedTime(start),
                    Detail = status == 0 ? $"upgrade failed: {redactor.Redact(e.InnerException?.Message ?? e.Message)}" : $"upgrade refused: {ProbeText.Status(status)}",
                };
            }

            result = result with { StatusCode = 101, Latency = time.GetElapsedTime(start) };
            if (probe.ExpectFirstMessageType is not { } expected)
            {
                await CloseAsync(socket).ConfigureAwait(false);
                return result with { Healthy = true, Detail = ProbeText.Status(101) };
            }

            var (healthy, detail, closeCode) = await ReceiveFirstAsync(socket, expected, linked.Token).ConfigureAwait(false);
            result = result with { Healthy = healthy, Detail = detail, CloseCode = closeCode, Latency = time.GetElapsedTime(start) };
            await CloseAsync(socket).ConfigureAwait(false);
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var waitingFor = result.StatusCode is null ? "upgrade" : $"'{probe.ExpectFirstMessageType}' message";
            return result with { Latency = time.GetElapsedTime(start), Detail = $"no {waitingFor} within {ProbeText.Seconds(probe.Timeout)}" };
        }
        catch (WebSocketException e)
        {
            return result with { Latency = time.GetElapsedTime(start), Detail = $"connection dropped: {redactor.Redact(e.Message)}" };
        }
    }

    private async Task<string?> ConfigureAsync(ClientWebSocketOptions options, ProbeConfig probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in probe.Headers)
        {
            var expanded = Placeholders.Expand(value);
            if (SecretRedactor.IsSecretName(name))
            {
                redactor.Add(expanded);
            }

            options.SetRequestHeader(name, expanded);
        }

        var subprotocols = probe.Subprotocols.ToList();
        if (probe.Token is { } tokenRequest)
        {
            var (token, failure) = await new TokenFetcher(http, redactor).FetchAsync(tokenRequest, target.ServiceUrls, cancellationToken).ConfigureAwait(false);
            if (token is null)
            {
                return failure;
            }

            // The application's own subprotocols (from the config) come first, the token one last.
            if (string.Equals(probe.TokenPlacement, "subprotocol", StringComparison.OrdinalIgnoreCase))
            {
                subprotocols.Add(probe.TokenSubprotocolPrefix + token);
            }
            else
            {
                options.SetRequestHeader("Authorization", "Bearer " + token);
            }
        }

        foreach (var subprotocol in subprotocols)
        {
            options.AddSubProtocol(subprotocol);
        }

        return null;
    }

    private async Task<(bool Healthy, string Detail, int? CloseCode)> ReceiveFirstAsync(ClientWebSocket socket, string expected, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxMessageBytes];
        var length = 0;
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                var code = (int?)socket.CloseStatus;
                var reason = string.IsNullOrEmpty(socket.CloseStatusDescription) ? "" : $" \"{redactor.Redact(socket.CloseStatusDescription)}\"";
                return (false, $"closed {code}{reason} before '{expected}'", code);
            }

            length += received.Count;
            if (received.EndOfMessage || length == buffer.Length)
            {
                break;
            }
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        var type = ReadType(text);
        return type == expected
            ? (true, $"{ProbeText.Status(101)}, first message '{expected}'", null)
            : (false, $"first message was {(type is null ? ProbeText.Snippet(text, redactor) : $"'{type}'")}, expected '{expected}'", null);
    }

    private static string? ReadType(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type)
                ? ProbeText.AsText(type)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Ends politely with 1000; if the server already closed, completes its handshake. Bounded so a silent server cannot hold the probe.</summary>
    private async Task CloseAsync(ClientWebSocket socket)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(2), time);
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "probe done", bound.Token).ConfigureAwait(false);
            }
            else if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "probe done", bound.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The probe's verdict is already made; a peer that does not finish the close handshake changes nothing.
        }
    }
}
