using System.Globalization;
using Greenlight.Model;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

internal sealed partial class ConfigMapper
{
    /// <summary>
    /// A suite's <c>proof:</c> block, checked key by key so each problem names its own line; kept flattened
    /// for <see cref="ProofConfigMapper"/>, which builds the rules' config at run time.
    /// </summary>
    private static Dictionary<string, string> Proof(YamlReader r, YamlNode? node, string field)
    {
        var map = r.Mapping(node, field);
        if (map is null)
        {
            return [];
        }

        r.CheckKeys(map, field, ProofConfigMapper.Known);
        foreach (var key in new[] { "min_duration_ms", "clock_skew_ms" })
        {
            if (YamlReader.Child(map, key) is { } value && r.String(value, $"{field}.{key}") is { } text
                && !(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0))
            {
                r.Error(value, $"{field}.{key}", "must be a number of milliseconds, 0 or more");
            }
        }

        if (YamlReader.Child(map, "duration_drop_ratio") is { } ratio && r.Fraction(ratio, $"{field}.duration_drop_ratio") is 1)
        {
            r.Error(ratio, $"{field}.duration_drop_ratio", "must be below 1 (0.1 means a tenth of the median)");
        }

        r.Bool(YamlReader.Child(map, "require_traffic"), $"{field}.require_traffic");
        foreach (var (pattern, patternNode) in r.StringList(YamlReader.Child(map, "mock_patterns"), $"{field}.mock_patterns"))
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                r.Error(patternNode, $"{field}.mock_patterns", "a pattern must not be empty");
            }
        }

        foreach (var (code, keyNode, reason) in YamlReader.Entries(r.Mapping(YamlReader.Child(map, "disabled"), $"{field}.disabled")))
        {
            var codeField = $"{field}.disabled.{code}";
            if (!ProofReason.All.Contains(code))
            {
                r.Error(keyNode, codeField, $"unknown rule '{code}'{Suggestions.Hint(code, ProofReason.All)}");
            }

            if (string.IsNullOrWhiteSpace(r.String(reason, codeField)))
            {
                r.Error(reason, codeField, "give the reason the rule is off; the worklog shows it");
            }
        }

        return r.Raw(map, field);
    }
}
