using System.Buffers;
using System.Text.Json;
using Greenlight.Config;
using Greenlight.Secrets;
using Greenlight.Stages;

namespace Greenlight.Probes;

/// <summary>GET a URL; healthy when the status and the configured top-level JSON fields match, within the timeout.</summary>
public sealed class HttpProbe(HttpClient http, TimeProvider time, SecretRedactor redactor) : IProbe
{
    private const int MaxBodyBytes = 256 * 1024;
    private const int ChunkBytes = 8 * 1024;

    public ProbeKind Kind => ProbeKind.Http;

    public async Task<ProbeResult> ProbeAsync(ProbeConfig probe, ProbeTarget target, CancellationToken cancellationToken)
    {
        var url = ProbeText.Resolve(target.BaseUrl, probe.Target, webSocket: false);
        var result = new ProbeResult { Service = target.Service, Kind = ProbeKind.Http, Url = url.ToString(), Healthy = false, At = time.GetUtcNow() };
        using var timeout = new CancellationTokenSource(probe.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var start = time.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in probe.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, Deploy.Placeholders.Expand(value));
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response.Content, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            result = result with { StatusCode = status, Latency = time.GetElapsedTime(start) };
            if (status != probe.ExpectStatus)
            {
                return result with { Detail = $"{ProbeText.Status(status)}: {ProbeText.Snippet(body, redactor)}".TrimEnd(':', ' ') };
            }

            var mismatch = CheckJson(body, probe.ExpectJson);
            return mismatch is null
                ? result with { Healthy = true, Detail = ProbeText.Status(status) }
                : result with { Detail = mismatch };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return result with { Latency = time.GetElapsedTime(start), Detail = $"no response within {ProbeText.Seconds(probe.Timeout)}" };
        }
        catch (HttpRequestException e)
        {
            return result with { Latency = time.GetElapsedTime(start), Detail = redactor.Redact(e.InnerException?.Message ?? e.Message) };
        }
    }

    private string? CheckJson(string body, IReadOnlyDictionary<string, string> expected)
    {
        if (expected.Count == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"body is not a JSON object: {ProbeText.Snippet(body, redactor)}";
            }

            foreach (var (field, value) in expected)
            {
                if (!document.RootElement.TryGetProperty(field, out var actual))
                {
                    return $"JSON field '{field}' missing, expected \"{value}\"";
                }

                if (!string.Equals(ProbeText.AsText(actual), value, StringComparison.Ordinal))
                {
                    return $"JSON field '{field}' is \"{redactor.Redact(ProbeText.AsText(actual))}\", expected \"{value}\"";
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return $"body is not JSON: {ProbeText.Snippet(body, redactor)}";
        }
    }

    /// <summary>
    /// Reads at most <see cref="MaxBodyBytes"/>, growing with the body: a fixed buffer of that size per
    /// probe lands on the large object heap, and 100 concurrent probes then force full collections
    /// (docs/benchmarks.md, "Probing 100 endpoints").
    /// </summary>
    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while (body.Length < MaxBodyBytes
                && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, MaxBodyBytes - body.Length)), cancellationToken).ConfigureAwait(false)) > 0)
            {
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }
}
