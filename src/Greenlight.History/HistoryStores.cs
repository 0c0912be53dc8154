namespace Greenlight.History;

/// <summary>Opens the store that <c>history:</c> in greenlight.yaml names.</summary>
public static class HistoryStores
{
    /// <param name="sqlitePath"><c>history.sqlite</c>; relative paths resolve against <paramref name="rootDirectory"/>.</param>
    /// <param name="postgresConnectionString"><c>history.postgres</c>; wins when both are set.</param>
    /// <param name="rootDirectory">The config file's folder.</param>
    public static Task<HistoryResult<IHistoryStore>> OpenAsync(
        string? sqlitePath, string? postgresConnectionString, string rootDirectory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(postgresConnectionString))
        {
            return PostgresHistoryStore.OpenAsync(postgresConnectionString, time, cancellationToken);
        }

        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(sqlitePath) ? SqliteHistoryStore.DefaultPath : sqlitePath, rootDirectory);
        return SqliteHistoryStore.OpenAsync(path, time, null, cancellationToken);
    }
}
