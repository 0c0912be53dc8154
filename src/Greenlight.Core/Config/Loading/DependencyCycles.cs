namespace Greenlight.Config.Loading;

/// <summary>Reports each <c>depends_on</c> cycle once, at the edge that closes it.</summary>
internal static class DependencyCycles
{
    public static void Check(YamlReader r, List<MappedService> services)
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
