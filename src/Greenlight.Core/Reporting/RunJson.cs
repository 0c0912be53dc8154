using System.Text.Json;
using System.Text.Json.Serialization;
using Greenlight.Model;
using Greenlight.Secrets;

namespace Greenlight.Reporting;

/// <summary><c>run.json</c>: the run record in snake_case, verdicts in capitals, outcomes in lower case.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(RunRecord run) => JsonSerializer.Serialize(run, Options) + "\n";

    public static string Serialize(RunRecord run, SecretRedactor redactor) => redactor.Redact(Serialize(run));

    /// <summary>
    /// The record with every secret masked, in every field: the one boundary every output passes
    /// (files, history, tracking, the console's JSON). Masking the serialised text reaches fields a
    /// per-field redaction would miss.
    /// </summary>
    public static RunRecord Redact(RunRecord run, SecretRedactor redactor) =>
        Deserialize(redactor.Redact(JsonSerializer.Serialize(run, Options)))!;

    public static RunRecord? Deserialize(string json) => JsonSerializer.Deserialize<RunRecord>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter<Verdict>(JsonNamingPolicy.SnakeCaseUpper));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
