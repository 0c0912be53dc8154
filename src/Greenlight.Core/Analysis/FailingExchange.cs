using System.Text.RegularExpressions;
using Greenlight.Model;

namespace Greenlight.Analysis;

/// <summary>
/// The first exchange a failing test had that went wrong on the wire, as the recording proxy saw it:
/// an HTTP answer of 400 or more (or none, the proxy's own error), or a WebSocket the server closed
/// with anything but a normal close. Its <see cref="Key"/> (method, route template, status, error
/// text) tells apart failures that one generic assertion message would lump together.
/// </summary>
public sealed partial record FailingExchange(TrafficRecord Record)
{
    private const int MaxLineLength = 200;

    /// <summary>The path with its query dropped and ids, numbers, GUIDs and long hex values folded into <c>{id}</c>.</summary>
    public string Route => RouteOf(Record.Path);

    /// <summary>The body's error text, the WebSocket close reason, or the proxy's error.</summary>
    public string? Text => Record.IsWebSocket && Record.Status == 101 ? Record.CloseReason : Record.ErrorText ?? Record.Error;

    /// <summary>What to match on: method, route template, status or close code, and the normalised error text.</summary>
    public string Key
    {
        get
        {
            var text = Text is { } t ? " " + SignatureNormalizer.Normalize(t, null).Key : "";
            return Record.IsWebSocket && Record.Status == 101
                ? $"ws {Route.ToLowerInvariant()} closed {Record.CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "abnormally"}{text}"
                : $"{Record.Method.ToLowerInvariant()} {Route.ToLowerInvariant()} → {Record.Status}{text}";
        }
    }

    /// <summary>For a title: <c>GET /articles → 422 "The tag field is required."</c>.</summary>
    public string Title => Bound(Record.IsWebSocket && Record.Status == 101
        ? $"WebSocket {Route} closed with {Record.CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no close frame"}{Quoted(Text)}"
        : $"{Record.Method} {Route} → {Status}{Quoted(Text)}");

    /// <summary>For the evidence: the request line as recorded (path redacted), status and error text, truncated.</summary>
    public string Line => Bound(Record.IsWebSocket && Record.Status == 101
        ? $"{Record.Service}: {Record.Method} {Record.Path} → 101, closed by {Record.ClosedBy ?? "?"} with {Record.CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no close frame"}{Quoted(Text)}"
        : $"{Record.Service}: {Record.Method} {Record.Path} → {Status}{Quoted(Text)}");

    private string Status => Record.Status == 0 ? "no answer" : Record.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the exchange went wrong: an error status, no answer, or a server close other than 1000/1001.</summary>
    public static bool Failed(TrafficRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.IsWebSocket && record.Status == 101)
        {
            return record.Error is not null || record.CloseCode is { } code && code is not (1000 or 1001) && record.ClosedBy == "server";
        }

        return record.Status >= 400 || record.Status == 0 || record.Error is not null;
    }

    /// <summary>The first failing exchange among a test's records (oldest first), or null.</summary>
    public static FailingExchange? First(IEnumerable<TrafficRecord> records) =>
        records.OrderBy(r => r.Started).FirstOrDefault(Failed) is { } record ? new FailingExchange(record) : null;

    /// <summary>The records tied to one failing test: by its X-Greenlight-Test header, else by its time window (untagged records only).</summary>
    public static IEnumerable<TrafficRecord> Of(FailureOccurrence occurrence, IEnumerable<TrafficRecord> traffic)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        ArgumentNullException.ThrowIfNull(traffic);
        return traffic.Where(r => r.Test is not null
            ? r.Test == occurrence.Test || occurrence.Test.EndsWith(r.Test, StringComparison.Ordinal)
            : occurrence.Started is { } start && occurrence.Ended is { } end && r.Started >= start && r.Started <= end);
    }

    public static string RouteOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var query = path.IndexOfAny(['?', '#']);
        var bare = query >= 0 ? path[..query] : path;
        return string.Join('/', bare.Split('/').Select(s => IdSegment().IsMatch(s) ? "{id}" : s));
    }

    private static string Quoted(string? text) => text is null ? "" : $" \"{text}\"";

    private static string Bound(string text) => text.Length <= MaxLineLength ? text : text[..(MaxLineLength - 1)] + "…";

    // Numbers, GUIDs, hex of 8+ with a digit, and tokens with 4+ digits (user_1234, a1b2c3d4-ish ids).
    [GeneratedRegex(@"^(\d+|[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}|(?=[0-9a-fA-F]*\d)[0-9a-fA-F]{8,}|(?=(?:[^\d]*\d){4})[A-Za-z0-9_.:-]+)$")]
    private static partial Regex IdSegment();
}
