using System.Globalization;
using Greenlight.Model;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>A suite's <c>proof:</c> block (docs/proof.md) as a typed <see cref="ProofConfig"/>, each problem at its own line.</summary>
internal static class ProofMapper
{
    internal static readonly string[] Known = ["min_duration_ms", "require_traffic", "duration_drop_ratio", "clock_skew_ms", "mock_patterns", "disabled", "level", "level_reason"];

    public static ProofConfig Map(YamlReader r, YamlNode? node, string field)
    {
        var defaults = ProofConfig.Default;
        if (r.Mapping(node, field) is not { } map)
        {
            return defaults;
        }

        r.CheckKeys(map, field, Known);
        var minDuration = Milliseconds(r, map, "min_duration_ms", field);
        var clockSkew = Milliseconds(r, map, "clock_skew_ms", field);
        var ratio = YamlReader.Child(map, "duration_drop_ratio") is { } ratioNode ? r.Fraction(ratioNode, $"{field}.duration_drop_ratio") : null;
        if (ratio is 1)
        {
            r.Error(YamlReader.Child(map, "duration_drop_ratio")!, $"{field}.duration_drop_ratio", "must be below 1 (0.1 means a tenth of the median)");
            ratio = null;
        }

        var requireTraffic = r.Bool(YamlReader.Child(map, "require_traffic"), $"{field}.require_traffic");
        var patterns = r.StringList(YamlReader.Child(map, "mock_patterns"), $"{field}.mock_patterns");
        foreach (var (pattern, patternNode) in patterns.Where(p => string.IsNullOrWhiteSpace(p.Value)))
        {
            r.Error(patternNode, $"{field}.mock_patterns", "a pattern must not be empty");
        }

        var (level, levelReason) = Level(r, map, field);
        return defaults with
        {
            Level = level ?? defaults.Level,
            LevelReason = levelReason,
            MinDurationMs = minDuration ?? defaults.MinDurationMs,
            ClockSkewMs = clockSkew ?? defaults.ClockSkewMs,
            DurationDropRatio = ratio ?? defaults.DurationDropRatio,
            RequireTraffic = requireTraffic ?? defaults.RequireTraffic,
            // An empty list keeps the defaults; a rule is turned off through disabled:, with its reason.
            MockPatterns = patterns.Count > 0 ? [.. patterns.Select(p => p.Value)] : defaults.MockPatterns,
            Disabled = Disabled(r, map, field),
            Line = (int)map.Start.Line,
        };
    }

    /// <summary><c>level</c> and <c>level_reason</c>: a level below <c>window</c> must say why.</summary>
    private static (string? Level, string? Reason) Level(YamlReader r, YamlMappingNode map, string field)
    {
        var levelNode = YamlReader.Child(map, "level");
        var level = levelNode is null ? null : r.String(levelNode, $"{field}.level");
        if (level is not null && !ProofLevel.All.Contains(level))
        {
            r.Error(levelNode!, $"{field}.level", $"'{level}' is not a proof level (request, window, suite, none){Suggestions.Hint(level, ProofLevel.All)}");
            level = null;
        }

        var reasonNode = YamlReader.Child(map, "level_reason");
        var reason = reasonNode is null ? null : r.String(reasonNode, $"{field}.level_reason");
        if (level is ProofLevel.Suite or ProofLevel.None && string.IsNullOrWhiteSpace(reason))
        {
            r.Error(levelNode!, $"{field}.level", $"accepting level '{level}' needs level_reason: why this suite's passes cannot be tied test by test (the worklog shows it)");
        }

        return (level, reason);
    }

    private static double? Milliseconds(YamlReader r, YamlMappingNode map, string key, string field)
    {
        if (YamlReader.Child(map, key) is not { } value || r.String(value, $"{field}.{key}") is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            return number;
        }

        r.Error(value, $"{field}.{key}", "must be a number of milliseconds, 0 or more");
        return null;
    }

    private static Dictionary<string, string> Disabled(YamlReader r, YamlMappingNode map, string field)
    {
        var disabled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, keyNode, reasonNode) in YamlReader.Entries(r.Mapping(YamlReader.Child(map, "disabled"), $"{field}.disabled")))
        {
            var codeField = $"{field}.disabled.{code}";
            if (!ProofReason.All.Contains(code))
            {
                r.Error(keyNode, codeField, $"unknown rule '{code}'{Suggestions.Hint(code, ProofReason.All)}");
            }

            var reason = r.String(reasonNode, codeField);
            if (string.IsNullOrWhiteSpace(reason))
            {
                r.Error(reasonNode, codeField, "give the reason the rule is off; the worklog shows it");
            }
            else
            {
                disabled[code] = reason;
            }
        }

        return disabled;
    }
}
