namespace Greenlight.Config;

/// <summary>
/// <c>history:</c> where runs are remembered: a SQLite file (default <c>.greenlight/history.db</c>
/// under the config folder) or a PostgreSQL connection string. Exactly one is in effect.
/// </summary>
public sealed record HistoryConfig
{
    /// <summary>Absolute path of the SQLite file; ignored when <see cref="Postgres"/> is set.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>A PostgreSQL connection string (its password is a secret: never printed).</summary>
    public string? Postgres { get; init; }

    /// <summary>The SQLite file used when <c>history:</c> is absent.</summary>
    public static string DefaultSqlitePath(string rootDirectory) => Path.Combine(rootDirectory, ".greenlight", "history.db");
}
