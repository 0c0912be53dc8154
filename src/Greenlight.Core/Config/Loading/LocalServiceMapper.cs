using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>A service's <c>local:</c> block: how Greenlight builds and starts it.</summary>
internal sealed class LocalServiceMapper(YamlReader r, ConfigPaths paths)
{
    private static readonly string[] LocalKeys = ["build", "run", "cwd", "env", "port", "ready_timeout"];

    public LocalServiceConfig? Map(YamlNode? node, string field, List<(string Name, YamlNode Node)> dependsOn)
    {
        if (r.Mapping(node, field) is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, field, LocalKeys);
        var run = r.String(YamlReader.Child(map, "run"), $"{field}.run", required: true, parent: map);
        var build = r.String(YamlReader.Child(map, "build"), $"{field}.build");
        var cwd = r.String(YamlReader.Child(map, "cwd"), $"{field}.cwd");
        var workingDirectory = cwd is null ? paths.Root : paths.Absolute(cwd);
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
}
