using System.Text.Json.Serialization;

namespace Greenlight.Results;

public sealed partial class GoTestJsonReader
{
    /// <summary>One test2json event; names as Go writes them.</summary>
    internal sealed record Event(DateTimeOffset? Time, string? Action, string? Package, string? Test, double? Elapsed, string? Output);

    [JsonSerializable(typeof(Event))]
    internal sealed partial class GoEventJson : JsonSerializerContext;
}
