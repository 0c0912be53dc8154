using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>
/// Maps the YAML tree to the config records, one section mapper per block. Every block becomes a typed
/// record here, checked once with lines, so nothing reads the YAML again during a run.
/// </summary>
internal sealed class ConfigMapper(YamlReader r, string sourcePath)
{
    private static readonly string[] RootKeys = ["project", "environment", "services", "suites", "focus", "loop", "gates", "guard", "tracking", "history"];

    public GreenlightConfig? Map(YamlNode rootNode)
    {
        if (r.Mapping(rootNode, "") is not { } root)
        {
            return null;
        }

        var paths = new ConfigPaths(r, Path.GetDirectoryName(sourcePath)!);
        r.CheckKeys(root, "", RootKeys);
        var project = r.String(YamlReader.Child(root, "project"), "project", required: true, parent: root);
        if (project is not null && project.Trim().Length == 0)
        {
            r.Error(YamlReader.Child(root, "project")!, "project", "must not be empty");
        }

        var services = new ServicesMapper(r, paths).Map(YamlReader.Child(root, "services"));
        var suitesNode = YamlReader.Child(root, "suites");
        if (suitesNode is null)
        {
            r.Error(root, "suites", "is required: list at least one suite to run");
        }

        var suites = new SuitesMapper(r, paths).Map(suitesNode, services);
        var focus = FocusMapper.Map(r, YamlReader.Child(root, "focus"), suites);
        var loop = LoopMapper.Map(r, YamlReader.Child(root, "loop"));
        DependencyCycles.Check(r, services);

        return new GreenlightConfig
        {
            Project = project ?? "",
            SourcePath = sourcePath,
            RootDirectory = paths.Root,
            Environment = r.String(YamlReader.Child(root, "environment"), "environment") ?? "local",
            Services = [.. services.Select(s => s.Config)],
            Suites = [.. suites.Select(s => s.Config)],
            Focus = focus,
            Loop = loop,
            Gates = GatesMapper.Map(r, YamlReader.Child(root, "gates")),
            Guard = GuardMapper.Map(r, YamlReader.Child(root, "guard")),
            Tracking = TrackingMapper.Map(r, paths, YamlReader.Child(root, "tracking")),
            HistoryStore = HistoryMapper.Map(r, paths, YamlReader.Child(root, "history")),
            SecretValues = [.. r.Secrets.Distinct(StringComparer.Ordinal)],
        };
    }
}
