using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary><c>focus:</c>: named groups of suite ids and categories that <c>--focus</c> selects.</summary>
internal static class FocusMapper
{
    /// <summary>Focus values that need no declaration.</summary>
    internal static readonly string[] ReservedFocus = ["all", "p1", "p2", "p3", "p4", "p5", "p6"];

    public static Dictionary<string, IReadOnlyList<string>> Map(YamlReader r, YamlNode? node, List<MappedSuite> suites)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var targets = suites.Select(s => s.Config.Id)
            .Concat(suites.Select(s => s.Config.Category).OfType<string>())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var (name, keyNode, value) in YamlReader.Entries(r.Mapping(node, "focus")))
        {
            var field = $"focus.{name}";
            if (ReservedFocus.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                r.Error(keyNode, field, $"'{name}' is built in (all, p1..p6) and cannot be redefined");
            }

            var entries = r.StringList(value, field);
            if (entries.Count == 0)
            {
                r.Error(value, field, "lists no suites; give suite ids or categories");
            }

            foreach (var (entry, entryNode) in entries.Where(e => !targets.Contains(e.Value)))
            {
                r.Error(entryNode, field, $"'{entry}' names no suite id or category{Suggestions.Hint(entry, targets)}");
            }

            result[name] = [.. entries.Select(e => e.Value)];
        }

        return result;
    }
}
