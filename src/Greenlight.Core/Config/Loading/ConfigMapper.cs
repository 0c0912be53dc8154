using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>Maps the YAML tree to the config records; cross-references are checked in <c>ConfigMapper.Checks.cs</c>.</summary>
internal sealed partial class ConfigMapper(YamlReader r, string sourcePath)
{
    private static readonly string[] RootKeys = ["project", "environment", "services", "suites", "focus", "loop", "tracking", "history"];
    private static readonly string[] LoopKeys = ["fail_fast", "iterations", "retry_failed", "rollback", "remediate"];

    private readonly string _root = Path.GetDirectoryName(sourcePath)!;

    public GreenlightConfig? Map(YamlNode rootNode)
    {
        if (r.Mapping(rootNode, "") is not { } root)
        {
            return null;
        }

        r.CheckKeys(root, "", RootKeys);
        var project = r.String(YamlReader.Child(root, "project"), "project", required: true, parent: root);
        if (project is not null && project.Trim().Length == 0)
        {
            r.Error(YamlReader.Child(root, "project")!, "project", "must not be empty");
        }

        var services = MapServices(YamlReader.Child(root, "services"));
        var suitesNode = YamlReader.Child(root, "suites");
        if (suitesNode is null)
        {
            r.Error(root, "suites", "is required: list at least one suite to run");
        }

        var suites = MapSuites(suitesNode, services);
        var focus = MapFocus(YamlReader.Child(root, "focus"), suites);
        var loop = MapLoop(YamlReader.Child(root, "loop"));
        CheckDependencies(services);

        return new GreenlightConfig
        {
            Project = project ?? "",
            SourcePath = sourcePath,
            RootDirectory = _root,
            Environment = r.String(YamlReader.Child(root, "environment"), "environment") ?? "local",
            Services = [.. services.Select(s => s.Config)],
            Suites = [.. suites.Select(s => s.Config)],
            Focus = focus,
            Loop = loop,
            Tracking = r.Raw(YamlReader.Child(root, "tracking"), "tracking"),
            History = r.Raw(YamlReader.Child(root, "history"), "history"),
            HistoryStore = MapHistory(YamlReader.Child(root, "history")),
            SecretValues = [.. r.Secrets.Distinct(StringComparer.Ordinal)],
        };
    }

    private LoopConfig MapLoop(YamlNode? node)
    {
        if (r.Mapping(node, "loop") is not { } map)
        {
            return new LoopConfig();
        }

        r.CheckKeys(map, "loop", LoopKeys);
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in new[] { "rollback", "remediate" })
        {
            foreach (var (k, v) in r.Raw(YamlReader.Child(map, key), $"loop.{key}"))
            {
                extra[k.Length == 0 ? key : $"{key}.{k}"] = v;
            }
        }

        return new LoopConfig
        {
            FailFast = r.Bool(YamlReader.Child(map, "fail_fast"), "loop.fail_fast") ?? true,
            Iterations = r.Int(YamlReader.Child(map, "iterations"), "loop.iterations", 1, 100) ?? 1,
            RetryFailed = r.Int(YamlReader.Child(map, "retry_failed"), "loop.retry_failed", 0, 10) ?? 0,
            Extra = extra,
        };
    }

    private string Absolute(string path) => Path.GetFullPath(Path.Combine(_root, path));
}
