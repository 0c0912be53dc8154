using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>A mapped suite, with its node for later checks.</summary>
internal sealed record MappedSuite(SuiteConfig Config, YamlNode Node);

/// <summary><c>suites:</c>: ids, runners, paths, services, environment, pass rule and proof settings.</summary>
internal sealed partial class SuitesMapper(YamlReader r, ConfigPaths paths)
{
    private static readonly string[] SuiteKeys =
        ["id", "priority", "category", "impact", "runner", "path", "command", "args", "filter", "results", "timeout", "pass", "services", "env", "proof"];

    public List<MappedSuite> Map(YamlNode? node, List<MappedService> services)
    {
        var result = new List<MappedSuite>();
        if (r.Sequence(node, "suites") is not { } list)
        {
            return result;
        }

        if (list.Children.Count == 0)
        {
            r.Error(list, "suites", "is empty: list at least one suite to run");
        }

        var serviceNames = services.Select(s => s.Config.Name).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (r.Mapping(list.Children[i], $"suites[{i}]") is not { } map)
            {
                continue;
            }

            var idNode = YamlReader.Child(map, "id");
            var id = r.String(idNode, $"suites[{i}].id", required: true, parent: map);
            var field = id is null ? $"suites[{i}]" : $"suites.{id}";
            r.CheckKeys(map, field, SuiteKeys);
            if (id is not null && !SuiteId().IsMatch(id))
            {
                r.Error(idNode!, $"{field}.id", "a suite id holds only letters, digits, '-', '_' and '.'");
            }
            else if (id is not null && !seen.Add(id))
            {
                r.Error(idNode!, $"{field}.id", $"duplicate suite id '{id}'");
            }

            result.Add(new MappedSuite(MapSuite(map, field, id ?? "", serviceNames), list.Children[i]));
        }

        return result;
    }

    private SuiteConfig MapSuite(YamlMappingNode map, string field, string id, List<string> serviceNames)
    {
        var runner = Runner(map, field);
        var pathNode = YamlReader.Child(map, "path");
        var path = r.String(pathNode, $"{field}.path", required: runner is RunnerNames.Dotnet or RunnerNames.Pytest or RunnerNames.Newman, parent: map);
        var fullPath = path is null ? paths.Root : paths.Absolute(path);
        if (path is not null && !File.Exists(fullPath) && !Directory.Exists(fullPath))
        {
            r.Error(pathNode!, $"{field}.path", $"'{path}' does not exist (relative paths start at the config file's folder)");
        }
        else if (path is not null && runner == RunnerNames.Newman && !File.Exists(fullPath))
        {
            r.Error(pathNode!, $"{field}.path", $"'{path}' is a folder; runner: newman takes the collection file (e.g. api.postman_collection.json)");
        }

        var args = r.StringList(YamlReader.Child(map, "args"), $"{field}.args");
        var results = r.String(YamlReader.Child(map, "results"), $"{field}.results");
        var command = r.String(YamlReader.Child(map, "command"), $"{field}.command");
        CheckCommand(map, field, runner, args.Count, command, results);
        var suiteServices = r.StringList(YamlReader.Child(map, "services"), $"{field}.services");
        foreach (var (name, node) in suiteServices.Where(s => !serviceNames.Contains(s.Value)))
        {
            r.Error(node, $"{field}.services", $"unknown service '{name}'{Suggestions.Hint(name, serviceNames)}");
        }

        var env = SuiteEnvironment(map, field, serviceNames);
        var passMap = r.Mapping(YamlReader.Child(map, "pass"), $"{field}.pass");
        if (passMap is not null)
        {
            r.CheckKeys(passMap, $"{field}.pass", "max_failure_rate");
        }

        var proof = ProofMapper.Map(r, YamlReader.Child(map, "proof"), $"{field}.proof");
        return new SuiteConfig
        {
            Id = id,
            Priority = MapPriority(YamlReader.Child(map, "priority"), $"{field}.priority", map),
            Category = r.String(YamlReader.Child(map, "category"), $"{field}.category"),
            Impact = r.String(YamlReader.Child(map, "impact"), $"{field}.impact"),
            Runner = runner ?? "",
            Path = fullPath,
            Args = [.. args.Select(a => a.Value)],
            Command = command,
            Filter = r.String(YamlReader.Child(map, "filter"), $"{field}.filter"),
            Results = results is null ? null : paths.Absolute(results),
            Timeout = r.Duration(YamlReader.Child(map, "timeout"), $"{field}.timeout") ?? TimeSpan.FromMinutes(10),
            MaxFailureRate = r.Fraction(YamlReader.Child(passMap, "max_failure_rate"), $"{field}.pass.max_failure_rate") ?? 0,
            Services = [.. suiteServices.Select(s => s.Value)],
            Environment = env,
            Proof = proof,
        };
    }

    private string? Runner(YamlMappingNode map, string field)
    {
        var runnerNode = YamlReader.Child(map, "runner");
        var runner = r.String(runnerNode, $"{field}.runner", required: true, parent: map);
        if (runner is not null && !RunnerNames.All.Contains(runner))
        {
            r.Error(runnerNode!, $"{field}.runner",
                $"unknown runner '{runner}'{Suggestions.Hint(runner, RunnerNames.All)} (runners: {string.Join(", ", RunnerNames.All)})");
        }

        return runner;
    }

    private void CheckCommand(YamlMappingNode map, string field, string? runner, int argCount, string? command, string? results)
    {
        if (command is not null && runner != RunnerNames.Command)
        {
            r.Error(YamlReader.Child(map, "command")!, $"{field}.command", "applies only to runner: command (other runners take args)");
        }

        if (runner != RunnerNames.Command)
        {
            return;
        }

        // A command that is there but could not be read has its own error already.
        if (argCount == 0 && command is null && YamlReader.Child(map, "command") is null)
        {
            r.Error(map, $"{field}.command", "the command runner needs 'command: \"shell command\"' or 'args: [program, arg, ...]'");
        }

        if (results is null)
        {
            r.Error(map, $"{field}.results", "the command runner needs the JUnit XML file the command writes");
        }
    }

    private Dictionary<string, string> SuiteEnvironment(YamlMappingNode map, string field, List<string> serviceNames)
    {
        var env = r.StringMap(YamlReader.Child(map, "env"), $"{field}.env");
        foreach (var (key, _, value) in YamlReader.Entries(YamlReader.Child(map, "env") as YamlMappingNode))
        {
            foreach (var name in env.TryGetValue(key, out var text) ? RuntimePlaceholders.ReferencedServices(text) : [])
            {
                if (!serviceNames.Contains(name))
                {
                    r.Error(value, $"{field}.env.{key}", $"{{url:{name}}} names no service{Suggestions.Hint(name, serviceNames)}");
                }
            }
        }

        return env;
    }

    private int MapPriority(YamlNode? node, string field, YamlMappingNode parent)
    {
        var text = r.String(node, field, required: true, parent: parent);
        if (text is null)
        {
            return 6;
        }

        if (Priority.TryParse(text, out var priority))
        {
            return priority;
        }

        r.Error(node!, field, $"'{text}' is not a priority; use P1 (most critical) to P6");
        return 6;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex SuiteId();
}
