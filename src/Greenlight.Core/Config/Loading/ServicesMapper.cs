using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>A mapped service, with the nodes later checks point at.</summary>
internal sealed record MappedService(ServiceConfig Config, YamlNode KeyNode, List<(string Name, YamlNode Node)> DependsOn);

/// <summary><c>services:</c>: each service's kind (local, url or remote), dependencies, logs and probes.</summary>
internal sealed partial class ServicesMapper(YamlReader r, ConfigPaths paths)
{
    private static readonly string[] ServiceKeys = ["critical", "depends_on", "local", "url", "remote", "logs", "probes"];

    public List<MappedService> Map(YamlNode? node)
    {
        var result = new List<MappedService>();
        var entries = YamlReader.Entries(r.Mapping(node, "services")).ToList();
        var names = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var remote = new RemoteMapper(r, paths);
        foreach (var (name, keyNode, value) in entries)
        {
            var field = $"services.{name}";
            if (!ServiceName().IsMatch(name))
            {
                r.Error(keyNode, field, "a service name starts with a letter and holds only letters, digits, '-' and '_'");
            }

            if (r.Mapping(value, field) is not { } map)
            {
                r.Error(value, field, "must describe the service (local, url or remote, probes)");
                continue;
            }

            r.CheckKeys(map, field, ServiceKeys);
            var dependsOn = DependsOn(map, field, name, names);
            var local = new LocalServiceMapper(r, paths).Map(YamlReader.Child(map, "local"), $"{field}.local", dependsOn);
            var url = paths.HttpUrl(r.String(YamlReader.Child(map, "url"), $"{field}.url"), YamlReader.Child(map, "url"), $"{field}.url");
            var remoteConfig = remote.Map(YamlReader.Child(map, "remote"), $"{field}.remote");
            remote.CheckOneKind(map, keyNode, field);
            var service = new ServiceConfig
            {
                Name = name,
                Critical = r.Bool(YamlReader.Child(map, "critical"), $"{field}.critical") ?? true,
                DependsOn = [.. dependsOn.Select(d => d.Name)],
                Local = local,
                Url = url ?? remoteConfig?.Url,
                Remote = remoteConfig,
                Logs = remote.MapServiceLogs(YamlReader.Child(map, "logs"), $"{field}.logs"),
                Probes = new ProbesMapper(r).Map(YamlReader.Child(map, "probes"), $"{field}.probes", names),
            };
            result.Add(new MappedService(service, keyNode, dependsOn));
        }

        return result;
    }

    private List<(string Name, YamlNode Node)> DependsOn(YamlMappingNode map, string field, string name, HashSet<string> names)
    {
        var dependsOn = r.StringList(YamlReader.Child(map, "depends_on"), $"{field}.depends_on");
        foreach (var (dependency, depNode) in dependsOn)
        {
            if (dependency == name)
            {
                r.Error(depNode, $"{field}.depends_on", $"'{name}' cannot depend on itself");
            }
            else if (!names.Contains(dependency))
            {
                r.Error(depNode, $"{field}.depends_on", $"unknown service '{dependency}'{Suggestions.Hint(dependency, names)}");
            }
        }

        return [.. dependsOn];
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ServiceName();
}
