using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>
/// Typed reads from the YAML tree that never throw: each problem becomes a <see cref="ConfigError"/>
/// at the node's line and column, so one pass reports every error.
/// </summary>
internal sealed partial class YamlReader(string file, Func<string, string?> environment)
{
    public List<ConfigError> Errors { get; } = [];

    /// <summary>Values read through <c>${env:...}</c> or under secret-looking keys.</summary>
    public List<string> Secrets { get; } = [];

    public void Error(YamlNode node, string field, string message) =>
        Errors.Add(new ConfigError(file, (int)node.Start.Line, (int)node.Start.Column, field, message));

    public YamlMappingNode? Mapping(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode map)
        {
            return map;
        }

        Error(node, field, "must be a mapping of keys to values");
        return null;
    }

    public YamlSequenceNode? Sequence(YamlNode? node, string field)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlSequenceNode list)
        {
            return list;
        }

        Error(node, field, "must be a list");
        return null;
    }

    /// <summary>Reports keys not in <paramref name="known"/>, with the closest known key as a hint.</summary>
    public void CheckKeys(YamlMappingNode map, string field, params string[] known)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null)
            {
                Error(key, field, "keys must be plain text");
            }
            else if (!known.Contains(name, StringComparer.Ordinal))
            {
                Error(key, Join(field, name), $"unknown key '{name}'{Suggestions.Hint(name, known)}");
            }
        }
    }

    public static YamlNode? Child(YamlMappingNode? map, string key) =>
        map is not null && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode? map) =>
        map is null
            ? []
            : map.Children.Where(kv => kv.Key is YamlScalarNode { Value: not null })
                .Select(kv => (((YamlScalarNode)kv.Key).Value!, kv.Key, kv.Value));

    public static string Join(string field, string key) => field.Length == 0 ? key : $"{field}.{key}";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    /// <summary>A scalar's text with <c>${env:...}</c> expanded; null when absent.</summary>
    public string? String(YamlNode? node, string field, bool required = false, YamlNode? parent = null)
    {
        if (node is null || IsNull(node))
        {
            if (required)
            {
                Error(node ?? parent ?? new YamlScalarNode(), field, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode { Value: { } text })
        {
            Error(node, field, "must be a single value, not a list or mapping");
            return null;
        }

        if (EnvPlaceholders.FindMalformed(text) is { } bad)
        {
            Error(node, field, $"'{bad}' is not a placeholder; write ${{env:NAME}} or ${{env:NAME:-default}}");
            return null;
        }

        var (value, missing) = EnvPlaceholders.Expand(text, LookUp, Secrets);
        foreach (var name in missing)
        {
            Error(node, field, $"environment variable '{name}' is not set (write ${{env:{name}:-default}} to give a default)");
        }

        return value;
    }

    // ${env:GREENLIGHT_<SERVICE>_URL} is only known once the service runs: the deployer fills it in.
    private string? LookUp(string name) =>
        environment(name) ?? (ServiceUrlVariable().IsMatch(name) ? $"${{env:{name}}}" : null);

    [System.Text.RegularExpressions.GeneratedRegex("^GREENLIGHT_[A-Z0-9_]+_URL$")]
    private static partial System.Text.RegularExpressions.Regex ServiceUrlVariable();

    public int? Int(YamlNode? node, string field, int min, int max, string? what = null)
    {
        var text = String(node, field);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(node!, field, $"must be {what ?? "a number"} between {min} and {max}");
        return null;
    }

    public double? Fraction(YamlNode? node, string field)
    {
        var text = String(node, field);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
        {
            return value;
        }

        Error(node!, field, "must be a number between 0 and 1 (0.05 means 5 %)");
        return null;
    }

    public bool? Bool(YamlNode? node, string field)
    {
        var text = String(node, field);
        switch (text)
        {
            case null:
                return null;
            case "true" or "True" or "yes":
                return true;
            case "false" or "False" or "no":
                return false;
            default:
                Error(node!, field, "must be true or false");
                return null;
        }
    }

    public TimeSpan? Duration(YamlNode? node, string field)
    {
        var text = String(node, field);
        if (text is null)
        {
            return null;
        }

        if (DurationText.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        Error(node!, field, "must be a positive duration such as 500ms, 30s, 5m or 1h (a bare number means seconds)");
        return null;
    }

    public List<(string Value, YamlNode Node)> StringList(YamlNode? node, string field)
    {
        var result = new List<(string, YamlNode)>();
        if (Sequence(node, field) is not { } list)
        {
            return result;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            if (String(list.Children[i], $"{field}[{i}]", required: true) is { } value)
            {
                result.Add((value, list.Children[i]));
            }
        }

        return result;
    }

    /// <summary>A mapping of names to scalar values; values under secret-looking keys are recorded as secrets.</summary>
    public Dictionary<string, string> StringMap(YamlNode? node, string field)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, _, value) in Entries(Mapping(node, field)))
        {
            var text = String(value, Join(field, key)) ?? (IsNull(value) ? "" : null);
            if (text is null)
            {
                continue;
            }

            result[key] = text;
            if (Greenlight.Secrets.SecretRedactor.IsSecretName(key))
            {
                Secrets.Add(text);
            }
        }

        return result;
    }
}
