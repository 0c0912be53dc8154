using Greenlight.Gates;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary><c>gates:</c>: the checks that must pass before each deploy.</summary>
internal static class GatesMapper
{
    private static readonly string[] GateKeys = ["line_endings", "commands"];
    private static readonly string[] LineEndingKeys = ["include", "exclude", "shebangs", "lines_per_file"];
    private static readonly string[] CommandGateKeys = ["name", "run", "working_directory", "timeout"];

    public static GatesConfig Map(YamlReader r, YamlNode? node)
    {
        if (r.Mapping(node, "gates") is not { } map)
        {
            return new GatesConfig();
        }

        r.CheckKeys(map, "gates", GateKeys);
        return new GatesConfig
        {
            LineEndings = MapLineEndings(r, YamlReader.Child(map, "line_endings")),
            Commands = MapCommandGates(r, YamlReader.Child(map, "commands")),
        };
    }

    /// <summary><c>line_endings: false</c> turns the gate off; <c>true</c>, absent or a mapping keeps it on.</summary>
    private static LineEndingOptions? MapLineEndings(YamlReader r, YamlNode? node)
    {
        var defaults = new LineEndingOptions();
        if (node is null || YamlReader.IsNull(node))
        {
            return defaults;
        }

        if (node is YamlScalarNode)
        {
            return r.Bool(node, "gates.line_endings") == false ? null : defaults;
        }

        if (r.Mapping(node, "gates.line_endings") is not { } map)
        {
            return defaults;
        }

        r.CheckKeys(map, "gates.line_endings", LineEndingKeys);
        var include = r.StringList(YamlReader.Child(map, "include"), "gates.line_endings.include");
        return defaults with
        {
            Include = YamlReader.Child(map, "include") is null ? defaults.Include : [.. include.Select(i => i.Value)],
            Exclude = [.. r.StringList(YamlReader.Child(map, "exclude"), "gates.line_endings.exclude").Select(e => e.Value)],
            Shebangs = r.Bool(YamlReader.Child(map, "shebangs"), "gates.line_endings.shebangs") ?? defaults.Shebangs,
            LinesPerFile = r.Int(YamlReader.Child(map, "lines_per_file"), "gates.line_endings.lines_per_file", 1, 1000) ?? defaults.LinesPerFile,
        };
    }

    private static List<CommandGateConfig> MapCommandGates(YamlReader r, YamlNode? node)
    {
        var gates = new List<CommandGateConfig>();
        if (r.Sequence(node, "gates.commands") is not { } list)
        {
            return gates;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            var field = $"gates.commands[{i}]";
            if (r.Mapping(list.Children[i], field) is not { } map)
            {
                continue;
            }

            r.CheckKeys(map, field, CommandGateKeys);
            var run = r.String(YamlReader.Child(map, "run"), $"{field}.run", required: true, parent: map);
            if (run is null)
            {
                continue;
            }

            var name = r.String(YamlReader.Child(map, "name"), $"{field}.name") ?? $"command-{i + 1}";
            if (gates.Any(g => g.Name == name) || name == LineEndingGate.GateName)
            {
                r.Error(YamlReader.Child(map, "name") ?? map, $"{field}.name", $"gate name '{name}' is already used");
            }

            gates.Add(new CommandGateConfig
            {
                Name = name,
                Run = run,
                WorkingDirectory = r.String(YamlReader.Child(map, "working_directory"), $"{field}.working_directory"),
                Timeout = r.Duration(YamlReader.Child(map, "timeout"), $"{field}.timeout") ?? TimeSpan.FromMinutes(10),
            });
        }

        return gates;
    }
}
