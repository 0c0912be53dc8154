using System.Globalization;

namespace Greenlight.Config;

/// <summary>Builds a <see cref="ProofConfig"/> from a suite's <c>proof:</c> block as the config loader keeps it (flattened keys).</summary>
public static class ProofConfigMapper
{
    /// <summary>The keys of a suite's <c>proof:</c> block; the config loader checks them with lines.</summary>
    internal static readonly string[] Known = ["min_duration_ms", "require_traffic", "duration_drop_ratio", "clock_skew_ms", "mock_patterns", "disabled"];

    /// <summary>The config, and every problem at once (unknown key, bad number, <see cref="ProofConfig.Validate"/>).</summary>
    public static (ProofConfig Config, IReadOnlyList<string> Problems) Map(IReadOnlyDictionary<string, string> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var problems = new List<string>();
        var config = ProofConfig.Default;
        var patterns = new List<string>();
        var disabled = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in raw)
        {
            var root = key.Split('.', '[')[0];
            switch (root)
            {
                case "min_duration_ms": config = config with { MinDurationMs = Number(key, value, problems) ?? config.MinDurationMs }; break;
                case "clock_skew_ms": config = config with { ClockSkewMs = Number(key, value, problems) ?? config.ClockSkewMs }; break;
                case "duration_drop_ratio": config = config with { DurationDropRatio = Number(key, value, problems) ?? config.DurationDropRatio }; break;
                case "require_traffic":
                    if (bool.TryParse(value, out var require)) config = config with { RequireTraffic = require };
                    else problems.Add($"proof.require_traffic: '{value}' is not true or false");
                    break;
                case "mock_patterns": patterns.Add(value); break;
                case "disabled" when key.Length > "disabled.".Length: disabled[key["disabled.".Length..]] = value; break;
                default: problems.Add($"proof: unknown key '{key}' (known: {string.Join(", ", Known)})"); break;
            }
        }

        if (patterns.Count > 0) config = config with { MockPatterns = patterns };
        if (disabled.Count > 0) config = config with { Disabled = disabled };
        problems.AddRange(config.Validate());
        return (config, problems);
    }

    private static double? Number(string key, string value, List<string> problems)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        problems.Add($"proof.{key}: '{value}' is not a number");
        return null;
    }
}
