namespace Greenlight.Analysis;

/// <summary>
/// The cause-shaped part of a failure message: what stays the same when the same fault hits
/// another test, another run or another runner.
/// </summary>
/// <param name="Key">Lower-case normalised text; failures with equal keys share a cluster.</param>
/// <param name="Title">The same text with its case kept, shortened for tables and headings.</param>
/// <param name="Codes">HTTP statuses and WebSocket close codes the failure names (503, 1011).</param>
/// <param name="ExceptionType">The first exception type named, without namespace, if any.</param>
/// <param name="IsCollectionError">The test module could not be collected or imported.</param>
public sealed record FailureSignature(
    string Key,
    string Title,
    IReadOnlyList<int> Codes,
    string? ExceptionType,
    bool IsCollectionError)
{
    /// <summary>
    /// The first failing exchange of the failing test (recording proxy), when one was tied to it.
    /// It decides the cluster together with a generic assertion message (<see cref="SignatureNormalizer.IsGeneric"/>).
    /// </summary>
    public FailingExchange? Exchange { get; init; }

    /// <summary>The signature with the failing exchange in it: a generic message's key and title become the exchange's.</summary>
    public FailureSignature With(FailingExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return SignatureNormalizer.IsGeneric(Key)
            ? this with { Key = $"{Key} | {exchange.Key}", Title = exchange.Title, Codes = [.. Codes.Append(exchange.Record.IsWebSocket && exchange.Record.CloseCode is { } c ? c : exchange.Record.Status).Where(c => c > 0).Distinct().Order()], Exchange = exchange }
            : this with { Exchange = exchange };
    }

    public static FailureSignature Empty { get; } = new("(no message)", "(no message)", [], null, false);
}
