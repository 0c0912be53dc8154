using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Greenlight.Model;

namespace Greenlight.Results;

/// <summary>
/// The one way readers open a JSON report: bounded by the document limit, deserialised by source-generated
/// contracts (no reflection), and anything that stops the read turned into a Problem with line and position.
/// </summary>
internal static class SafeJson
{
    public static async Task<ResultFile> ReadAsync<T>(
        string path, string format, ResultReaderLimits limits, JsonTypeInfo<T> contract,
        Action<T, CaseCollector> collect, CancellationToken cancellationToken)
    {
        var collector = new CaseCollector(path, format);
        try
        {
            await using var stream = SafeXml.OpenRead(path);
            if (stream.Length > limits.MaxDocumentCharacters)
            {
                collector.Problem($"{path}: {stream.Length} bytes is over the limit of {limits.MaxDocumentCharacters}; not read");
                return collector.ToResult();
            }

            var report = await JsonSerializer.DeserializeAsync(stream, contract, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                collector.Problem($"{path}: the file holds JSON null, not a {format} report");
                return collector.ToResult();
            }

            collect(report, collector);
        }
        catch (JsonException ex)
        {
            collector.Problem(Describe(path, ex));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            collector.Problem(SafeXml.Describe(path, ex));
        }

        return collector.ToResult();
    }

    /// <summary>JsonException counts lines and bytes from zero; people count from one.</summary>
    public static string Describe(string path, JsonException exception) => exception.LineNumber is { } line
        ? $"{path}: malformed or truncated JSON at line {line + 1}, position {exception.BytePositionInLine + 1}"
        : $"{path}: malformed JSON: {exception.Message}";

    /// <summary>Milliseconds since the Unix epoch, as JavaScript writes times.</summary>
    public static DateTimeOffset? FromUnixMilliseconds(long? milliseconds) =>
        milliseconds is > 0 and < 253402300800000 ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value) : null;
}
