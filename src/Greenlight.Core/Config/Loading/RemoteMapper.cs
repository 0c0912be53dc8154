using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>A service's <c>remote:</c> and <c>logs:</c> blocks, and the rule that a service has exactly one kind.</summary>
internal sealed class RemoteMapper(YamlReader r, ConfigPaths paths)
{
    private static readonly string[] ServiceKinds = ["local", "url", "remote"];
    private static readonly string[] RemoteKeys = ["url", "deploy", "rollback", "revision", "logs", "cwd", "env", "timeout"];
    private static readonly string[] ServiceLogKeys = ["file", "command", "cwd", "timeout"];

    /// <summary>A service is started here (local), already runs (url), or is deployed by the user's commands (remote): exactly one.</summary>
    public void CheckOneKind(YamlMappingNode map, YamlNode keyNode, string field)
    {
        var given = ServiceKinds.Where(k => YamlReader.Child(map, k) is not null).ToList();
        if (given.Count == 0)
        {
            r.Error(keyNode, field, "needs 'local' (Greenlight builds and starts it), 'url' (it already runs there) or 'remote' (your commands deploy it)");
        }
        else if (given.Count > 1)
        {
            r.Error(YamlReader.Child(map, given[1])!, YamlReader.Join(field, given[1]), $"give exactly one of 'local', 'url' or 'remote', not {string.Join(" and ", given.Select(g => $"'{g}'"))}");
        }
    }

    public RemoteServiceConfig? Map(YamlNode? node, string field)
    {
        if (r.Mapping(node, field) is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, field, RemoteKeys);
        var urlNode = YamlReader.Child(map, "url");
        var url = paths.HttpUrl(r.String(urlNode, $"{field}.url", required: true, parent: map), urlNode, $"{field}.url");
        var rollback = r.String(YamlReader.Child(map, "rollback"), $"{field}.rollback");
        var revision = r.String(YamlReader.Child(map, "revision"), $"{field}.revision");
        if (rollback is not null && revision is null)
        {
            // Without the serving revision there is nothing to roll back to.
            r.Error(YamlReader.Child(map, "rollback")!, $"{field}.rollback", "needs 'revision' too: the command that prints the revision serving now, to know which one to return to");
        }

        return url is null ? null : new RemoteServiceConfig
        {
            Url = url,
            Deploy = r.String(YamlReader.Child(map, "deploy"), $"{field}.deploy"),
            Rollback = rollback,
            Revision = revision,
            Logs = r.String(YamlReader.Child(map, "logs"), $"{field}.logs"),
            WorkingDirectory = paths.WorkingDirectory(map, field),
            Environment = r.StringMap(YamlReader.Child(map, "env"), $"{field}.env"),
            Timeout = r.Duration(YamlReader.Child(map, "timeout"), $"{field}.timeout") ?? TimeSpan.FromMinutes(15),
        };
    }

    public ServiceLogsConfig? MapServiceLogs(YamlNode? node, string field)
    {
        if (r.Mapping(node, field) is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, field, ServiceLogKeys);
        var file = r.String(YamlReader.Child(map, "file"), $"{field}.file");
        var command = r.String(YamlReader.Child(map, "command"), $"{field}.command");
        if ((file is null) == (command is null))
        {
            r.Error(map, field, "give exactly one of 'file' (a log file the service writes) or 'command' (prints its lines for {since}..{until})");
        }

        return new ServiceLogsConfig
        {
            File = file is null ? null : paths.Absolute(file),
            Command = command,
            WorkingDirectory = paths.WorkingDirectory(map, field),
            Timeout = r.Duration(YamlReader.Child(map, "timeout"), $"{field}.timeout") ?? TimeSpan.FromMinutes(2),
        };
    }
}
