using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

internal sealed partial class ConfigMapper
{
    private static readonly string[] ServiceKeys = ["critical", "depends_on", "local", "url", "remote", "logs", "probes"];
    private static readonly string[] LocalKeys = ["build", "run", "cwd", "env", "port", "ready_timeout"];

    private sealed record MappedService(ServiceConfig Config, YamlNode KeyNode, List<(string Name, YamlNode Node)> DependsOn);

    private List<MappedService> MapServices(YamlNode? node)
    {
        var result = new List<MappedService>();
        var entries = YamlReader.Entries(r.Mapping(node, "services")).ToList();
        var names = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
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

            var local = MapLocal(YamlReader.Child(map, "local"), $"{field}.local", [.. dependsOn.Select(d => (d.Value, d.Node))]);
            var urlText = r.String(YamlReader.Child(map, "url"), $"{field}.url");
            Uri? url = null;
            if (urlText is not null && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
            {
                r.Error(YamlReader.Child(map, "url")!, $"{field}.url", $"'{urlText}' is not an absolute http(s) URL");
                url = null;
            }

            var remote = MapRemote(YamlReader.Child(map, "remote"), $"{field}.remote");
            CheckOneKind(map, keyNode, field);
            var service = new ServiceConfig
            {
                Name = name,
                Critical = r.Bool(YamlReader.Child(map, "critical"), $"{field}.critical") ?? true,
                DependsOn = [.. dependsOn.Select(d => d.Value)],
                Local = local,
                Url = url ?? remote?.Url,
                Remote = remote,
                Logs = MapServiceLogs(YamlReader.Child(map, "logs"), $"{field}.logs"),
                Probes = MapProbes(YamlReader.Child(map, "probes"), $"{field}.probes", names),
            };
            result.Add(new MappedService(service, keyNode, [.. dependsOn.Select(d => (d.Value, d.Node))]));
        }

        return result;
    }

    private LocalServiceConfig? MapLocal(YamlNode? node, string field, List<(string Name, YamlNode Node)> dependsOn)
    {
        if (r.Mapping(node, field) is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, field, LocalKeys);
        var run = r.String(YamlReader.Child(map, "run"), $"{field}.run", required: true, parent: map);
        var build = r.String(YamlReader.Child(map, "build"), $"{field}.build");
        var cwd = r.String(YamlReader.Child(map, "cwd"), $"{field}.cwd");
        var workingDirectory = cwd is null ? _root : Absolute(cwd);
        if (cwd is not null && !Directory.Exists(workingDirectory))
        {
            r.Error(YamlReader.Child(map, "cwd")!, $"{field}.cwd", $"directory '{cwd}' does not exist");
        }

        var env = r.StringMap(YamlReader.Child(map, "env"), $"{field}.env");
        CheckUrlPlaceholders(map, field, run, build, env, dependsOn);
        return new LocalServiceConfig
        {
            Run = run ?? "",
            Build = build,
            WorkingDirectory = workingDirectory,
            Environment = env,
            Port = r.Int(YamlReader.Child(map, "port"), $"{field}.port", 1, 65535),
            ReadyTimeout = r.Duration(YamlReader.Child(map, "ready_timeout"), $"{field}.ready_timeout") ?? TimeSpan.FromSeconds(60),
        };
    }

    // {url:NAME} is filled in when NAME is already running, which depends_on guarantees.
    private void CheckUrlPlaceholders(YamlMappingNode map, string field, string? run, string? build, Dictionary<string, string> env,
        List<(string Name, YamlNode Node)> dependsOn)
    {
        var texts = new List<(string Text, string Field, YamlNode Node)>();
        if (run is not null) texts.Add((run, $"{field}.run", YamlReader.Child(map, "run")!));
        if (build is not null) texts.Add((build, $"{field}.build", YamlReader.Child(map, "build")!));
        var envMap = YamlReader.Child(map, "env") as YamlMappingNode;
        foreach (var (key, keyNode, value) in YamlReader.Entries(envMap))
        {
            if (env.TryGetValue(key, out var text)) texts.Add((text, $"{field}.env.{key}", value));
        }

        foreach (var (text, textField, node) in texts)
        {
            foreach (var name in RuntimePlaceholders.ReferencedServices(text))
            {
                if (!dependsOn.Any(d => d.Name == name))
                {
                    r.Error(node, textField, $"{{url:{name}}} needs '{name}' in this service's depends_on, so it runs first");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex ServiceName();
}
