using System.Text.Json.Serialization;

namespace Greenlight.Results;

public sealed partial class RspecJsonReader
{
    internal sealed record Report(List<string>? Messages, List<Example>? Examples, Summary? Summary);

    internal sealed record Example(
        string? Description, string? FullDescription, string? Status, double? RunTime, string? PendingMessage, Failure? Exception);

    internal sealed record Failure(string? Class, string? Message, List<string>? Backtrace);

    internal sealed record Summary(int? ErrorsOutsideOfExamplesCount);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(Report))]
    internal sealed partial class RspecReportJson : JsonSerializerContext;
}
