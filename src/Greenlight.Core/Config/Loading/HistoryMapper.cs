using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary><c>history: {sqlite: PATH}</c> or <c>history: {postgres: CONNSTRING}</c>; absent: the default SQLite file.</summary>
internal static class HistoryMapper
{
    private static readonly string[] HistoryKeys = ["sqlite", "postgres"];

    public static HistoryConfig Map(YamlReader r, ConfigPaths paths, YamlNode? node)
    {
        var fallback = new HistoryConfig { SqlitePath = HistoryConfig.DefaultSqlitePath(paths.Root) };
        if (r.Mapping(node, "history") is not { } map)
        {
            return fallback;
        }

        r.CheckKeys(map, "history", HistoryKeys);
        var sqlite = r.String(YamlReader.Child(map, "sqlite"), "history.sqlite");
        var postgres = r.String(YamlReader.Child(map, "postgres"), "history.postgres");
        if (sqlite is not null && postgres is not null)
        {
            r.Error(map, "history", "set either sqlite or postgres, not both");
        }

        if (postgres is not null)
        {
            if (postgres.Trim().Length == 0)
            {
                r.Error(YamlReader.Child(map, "postgres")!, "history.postgres", "must not be empty");
            }

            // A connection string may carry a password: keep the whole value out of every output.
            r.Secrets.Add(postgres);
            return new HistoryConfig { Postgres = postgres };
        }

        if (sqlite is not null && sqlite.Trim().Length == 0)
        {
            r.Error(YamlReader.Child(map, "sqlite")!, "history.sqlite", "must not be empty");
            return fallback;
        }

        return sqlite is null ? fallback : new HistoryConfig { SqlitePath = paths.Absolute(sqlite) };
    }
}
