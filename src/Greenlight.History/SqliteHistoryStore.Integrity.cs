namespace Greenlight.History;

public sealed partial class SqliteHistoryStore
{
    // quick_check reads every page but skips the index-to-table cross-checks of integrity_check:
    // it finds garbage pages in time proportional to the file, fast enough for every open.
    private const int ProblemsShown = 3;

    /// <summary>Ok when <c>PRAGMA quick_check</c> says "ok"; otherwise the file's first problems and what to do.</summary>
    internal Task<HistoryResult<Saved>> CheckIntegrityAsync(CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA quick_check({ProblemsShown + 1})";
            var problems = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    problems.Add(reader.GetString(0));
                }
            }

            if (problems is ["ok"])
            {
                return HistoryResult<Saved>.Ok(default);
            }

            var more = problems.Count > ProblemsShown ? "; …" : "";
            return HistoryResult<Saved>.Fail(
                $"{_path} is damaged (quick_check: {string.Join("; ", problems.Take(ProblemsShown))}{more}); move it aside and Greenlight starts a new history");
        });
}
