using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

internal sealed partial class ConfigMapper
{
    /// <summary>Focus values that need no declaration.</summary>
    internal static readonly string[] ReservedFocus = ["all", "p1", "p2", "p3", "p4", "p5", "p6"];

    private Dictionary<string, IReadOnlyList<string>> MapFocus(YamlNode? node, List<MappedSuite> suites)
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

    private void CheckDependencies(List<MappedService> services)
    {
        var byName = services.ToDictionary(s => s.Config.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            Visit(service.Config.Name, []);
        }

        void Visit(string name, List<string> path)
        {
            if (state.GetValueOrDefault(name) == 2 || !byName.TryGetValue(name, out var service))
            {
                return;
            }

            if (state.GetValueOrDefault(name) == 1)
            {
                var cycle = path.Skip(path.IndexOf(name)).Append(name).ToList();
                var key = string.Join(">", cycle.Skip(1).Order(StringComparer.Ordinal));
                if (reported.Add(key))
                {
                    var from = byName[path[^1]];
                    var node = from.DependsOn.First(d => d.Name == name).Node;
                    r.Error(node, $"services.{from.Config.Name}.depends_on", $"dependency cycle: {string.Join(" -> ", cycle)}");
                }

                return;
            }

            state[name] = 1;
            path.Add(name);
            foreach (var (dependency, _) in service.DependsOn)
            {
                if (dependency != name)
                {
                    Visit(dependency, path);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = 2;
        }
    }
}
