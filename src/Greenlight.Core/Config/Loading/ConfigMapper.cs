using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>Maps the YAML tree to the config records; cross-references are checked in <c>ConfigMapper.Checks.cs</c>.</summary>
internal sealed partial class ConfigMapper(YamlReader r, string sourcePath)
{
    private static readonly string[] RootKeys = ["project", "environment", "services", "suites", "focus", "loop", "gates", "guard", "tracking", "history"];

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
            Gates = MapGates(YamlReader.Child(root, "gates")),
            Guard = MapGuard(YamlReader.Child(root, "guard")),
            Tracking = MapTracking(YamlReader.Child(root, "tracking")),
            History = r.Raw(YamlReader.Child(root, "history"), "history"),
            HistoryStore = MapHistory(YamlReader.Child(root, "history")),
            SecretValues = [.. r.Secrets.Distinct(StringComparer.Ordinal)],
        };
    }

    private string Absolute(string path) => Path.GetFullPath(Path.Combine(_root, path));
}
