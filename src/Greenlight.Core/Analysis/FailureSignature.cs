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
    public static FailureSignature Empty { get; } = new("(no message)", "(no message)", [], null, false);
}
