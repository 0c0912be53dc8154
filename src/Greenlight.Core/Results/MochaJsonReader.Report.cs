using System.Text.Json.Serialization;

namespace Greenlight.Results;

public sealed partial class MochaJsonReader
{
    internal sealed record Report(List<Test>? Tests, List<Test>? Failures);

    /// <summary>A test or a failed hook. Duration is in milliseconds and absent for a test that did not run.</summary>
    internal sealed record Test(string? Title, string? FullTitle, double? Duration, Error? Err);

    internal sealed record Error(string? Message, string? Stack);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Report))]
    internal sealed partial class MochaReportJson : JsonSerializerContext;
}
