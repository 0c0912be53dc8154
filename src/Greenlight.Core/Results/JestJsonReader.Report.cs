using System.Text.Json.Serialization;

namespace Greenlight.Results;

public sealed partial class JestJsonReader
{
    internal sealed record Report(List<Suite>? TestResults);

    /// <summary>One test file. Times are milliseconds since the epoch.</summary>
    internal sealed record Suite(string? Name, string? Status, string? Message, long? StartTime, long? EndTime, List<Assertion>? AssertionResults);

    internal sealed record Assertion(
        List<string>? AncestorTitles, string? Title, string? FullName, string? Status, double? Duration, List<string>? FailureMessages);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Report))]
    internal sealed partial class JestReportJson : JsonSerializerContext;
}
