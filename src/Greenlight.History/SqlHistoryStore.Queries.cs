using System.Data.Common;

namespace Greenlight.History;

public abstract partial class SqlHistoryStore
{
    // The last iteration of the last N runs: what each run ended with.
    private const string LastRunsFinalTests =
        "FROM tests t JOIN (SELECT id, iteration_count FROM runs WHERE project = @project ORDER BY started_ms DESC LIMIT @runs) r " +
        "ON t.run_id = r.id AND t.iteration = r.iteration_count ";

    public Task<HistoryResult<IReadOnlyList<HistoryRunSummary>>> RecentRunsAsync(string project, int count, CancellationToken cancellationToken) =>
        // The counts are taken per run in the primary key's order (no sort of every test of every run), then joined to the runs.
        QueryAsync(
            "WITH recent AS (SELECT * FROM runs WHERE project = @project ORDER BY started_ms DESC LIMIT @runs), " +
            "counts AS (SELECT t.run_id, t.iteration, " +
            "SUM(CASE WHEN t.outcome = 'passed' THEN 1 ELSE 0 END) AS passed, " +
            "SUM(CASE WHEN t.outcome IN ('failed', 'error') THEN 1 ELSE 0 END) AS failed, " +
            "SUM(CASE WHEN t.outcome = 'skipped' THEN 1 ELSE 0 END) AS skipped, " +
            "SUM(CASE WHEN t.outcome = 'passed' AND t.proven = 0 THEN 1 ELSE 0 END) AS unproven " +
            "FROM recent r JOIN tests t ON t.run_id = r.id AND t.iteration = r.iteration_count GROUP BY t.run_id, t.iteration) " +
            "SELECT r.id, r.started_ms, r.ended_ms, r.verdict, r.focus, r.iteration_count, " +
            "COALESCE(c.passed, 0), COALESCE(c.failed, 0), COALESCE(c.skipped, 0), COALESCE(c.unproven, 0) " +
            "FROM recent r LEFT JOIN counts c ON c.run_id = r.id AND c.iteration = r.iteration_count ORDER BY r.started_ms DESC",
            row => new HistoryRunSummary(row.GetString(0), FromMs(row.GetValue(1))!.Value, FromMs(row.GetValue(2)), row.GetString(3), row.GetString(4),
                Int(row.GetValue(5)), Int(row.GetValue(6)), Int(row.GetValue(7)), Int(row.GetValue(8)), Int(row.GetValue(9))),
            cancellationToken, ("@project", project), ("@runs", count));

    public Task<HistoryResult<IReadOnlyList<PassRate>>> PassRateBySuiteAsync(string project, int runs, CancellationToken cancellationToken) =>
        PassRateAsync("suite", project, runs, cancellationToken);

    public Task<HistoryResult<IReadOnlyList<PassRate>>> PassRateByPhaseAsync(string project, int runs, CancellationToken cancellationToken) =>
        PassRateAsync("phase", project, runs, cancellationToken);

    private Task<HistoryResult<IReadOnlyList<PassRate>>> PassRateAsync(string column, string project, int runs, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT t.{column}, SUM(CASE WHEN t.outcome = 'passed' THEN 1 ELSE 0 END), SUM(CASE WHEN t.outcome = 'passed' AND t.proven = 1 THEN 1 ELSE 0 END), COUNT(*) " +
            LastRunsFinalTests + $"GROUP BY t.{column} ORDER BY t.{column}",
            row => new PassRate(row.GetString(0), Int(row.GetValue(1)), Int(row.GetValue(2)), Int(row.GetValue(3))),
            cancellationToken, ("@project", project), ("@runs", runs));

    public async Task<HistoryResult<double?>> MedianPassingDurationMsAsync(string project, TestKey test, int lastPassing, string excludeRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(test);
        var durations = await QueryAsync(
            "SELECT t.duration_ms FROM tests t JOIN runs r ON r.id = t.run_id " +
            "WHERE r.project = @project AND r.id <> @exclude AND t.suite = @suite AND t.name = @name AND t.outcome = 'passed' AND t.proven = 1 " +
            "ORDER BY r.started_ms DESC, t.iteration DESC LIMIT @n",
            row => Convert.ToDouble(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken, ("@project", project), ("@exclude", excludeRunId), ("@suite", test.Suite), ("@name", test.Name), ("@n", lastPassing));
        return durations.Succeeded ? HistoryResult<double?>.Ok(Median(durations.Value!)) : HistoryResult<double?>.Fail(durations.Error!);
    }

    public async Task<HistoryResult<int>> ReadMedianPassingDurationsMsAsync(
        string project, string suite, int lastPassing, string excludeRunId, Action<string, double> visit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visit);
        // Each test's last N proven passes, in the same order as the one-test query, grouped by name so each median is taken as its rows end.
        var durations = new List<double>(lastPassing);
        string? current = null;
        var tests = 0;
        var rows = await EachRowAsync(
            "SELECT name, duration_ms FROM (" +
            "SELECT t.name, t.duration_ms, ROW_NUMBER() OVER (PARTITION BY t.name ORDER BY r.started_ms DESC, t.iteration DESC) AS rn " +
            "FROM tests t JOIN runs r ON r.id = t.run_id " +
            "WHERE r.project = @project AND r.id <> @exclude AND t.suite = @suite AND t.outcome = 'passed' AND t.proven = 1) ranked " +
            "WHERE rn <= @n ORDER BY name",
            row =>
            {
                var name = row.GetString(0);
                if (current is not null && !string.Equals(name, current, StringComparison.Ordinal))
                {
                    visit(current, Median(durations)!.Value);
                    durations.Clear();
                    tests++;
                }

                current = name;
                durations.Add(Convert.ToDouble(row.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            },
            cancellationToken, ("@project", project), ("@exclude", excludeRunId), ("@suite", suite), ("@n", lastPassing));
        if (!rows.Succeeded)
        {
            return HistoryResult<int>.Fail(rows.Error!);
        }

        if (current is not null)
        {
            visit(current, Median(durations)!.Value);
            tests++;
        }

        return HistoryResult<int>.Ok(tests);
    }

    private static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public async Task<HistoryResult<IReadOnlyList<TestKey>>> PreviouslyFailingAsync(string project, CancellationToken cancellationToken)
    {
        // A test is previously failing when a failure of it in the last 20 runs has no later result (passed, failed or error)
        // in those runs, or in a later iteration of its run: its latest outcome; a skip does not clear it. Only failing rows
        // are read, each checked by at most 20 × 3 seeks of the (suite, name, outcome, run_id) index (CROSS JOIN keeps SQLite
        // from scanning every run the test was ever in), never every test of 20 runs.
        var rows = await QueryAsync(
            "WITH recent AS (SELECT id, started_ms FROM runs WHERE project = @project ORDER BY started_ms DESC LIMIT 20) " +
            "SELECT f.suite, f.name, MAX(r.started_ms) FROM recent r JOIN tests f ON f.run_id = r.id " +
            "WHERE f.outcome IN ('failed', 'error') AND NOT EXISTS (" +
            "SELECT 1 FROM recent r2 CROSS JOIN tests l WHERE (r2.started_ms > r.started_ms OR r2.id = r.id) " +
            "AND l.run_id = r2.id AND l.suite = f.suite AND l.name = f.name AND l.outcome IN ('passed', 'failed', 'error') " +
            "AND (r2.started_ms > r.started_ms OR l.iteration > f.iteration)) " +
            "GROUP BY f.suite, f.name",
            row => (Key: new TestKey(row.GetString(0), row.GetString(1)), Latest: Convert.ToInt64(row.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken, ("@project", project));

        // The latest failures first, then by suite and name compared as ordinal strings (not the database's collation).
        return rows.Succeeded
            ? HistoryResult<IReadOnlyList<TestKey>>.Ok([.. rows.Value!
                .OrderByDescending(r => r.Latest).ThenBy(r => r.Key.Suite, StringComparer.Ordinal).ThenBy(r => r.Key.Name, StringComparer.Ordinal)
                .Select(r => r.Key)])
            : HistoryResult<IReadOnlyList<TestKey>>.Fail(rows.Error!);
    }

    public async Task<HistoryResult<IReadOnlyList<FlakyTest>>> FlakyTestsAsync(string project, int runs, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT t.suite, t.name, t.outcome, t.flaky, r.started_ms " + LastRunsFinalTests.Replace("SELECT id, iteration_count", "SELECT id, iteration_count, started_ms", StringComparison.Ordinal) +
            "WHERE t.outcome <> 'skipped' ORDER BY r.started_ms",
            row => (Key: new TestKey(row.GetString(0), row.GetString(1)), Passed: row.GetString(2) == "passed", Flaky: Int(row.GetValue(3)) == 1),
            cancellationToken, ("@project", project), ("@runs", runs));
        if (!rows.Succeeded)
        {
            return HistoryResult<IReadOnlyList<FlakyTest>>.Fail(rows.Error!);
        }

        return HistoryResult<IReadOnlyList<FlakyTest>>.Ok([.. rows.Value!
            .GroupBy(r => r.Key)
            .Select(g => FlakyRow(g.Key, [.. g]))
            .Where(f => f.Flips > 0 || f.RetryPasses > 0)
            .OrderByDescending(f => f.FlipRate).ThenByDescending(f => f.RetryPasses).ThenBy(f => f.Name, StringComparer.Ordinal)]);
    }

    private static FlakyTest FlakyRow(TestKey key, List<(TestKey Key, bool Passed, bool Flaky)> runs)
    {
        var flips = runs.Zip(runs.Skip(1)).Count(p => p.First.Passed != p.Second.Passed);
        var rate = runs.Count > 1 ? (double)flips / (runs.Count - 1) : 0;
        return new FlakyTest(key.Suite, key.Name, runs.Count, flips, rate, runs.Count(r => r.Flaky));
    }

    public Task<HistoryResult<IReadOnlyList<SlowTest>>> SlowestTestsAsync(string project, int runs, int count, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT t.suite, t.name, AVG(t.duration_ms), MAX(t.duration_ms), COUNT(*) " + LastRunsFinalTests +
            "WHERE t.outcome = 'passed' GROUP BY t.suite, t.name ORDER BY AVG(t.duration_ms) DESC, t.suite, t.name LIMIT @count",
            row => new SlowTest(row.GetString(0), row.GetString(1), Convert.ToDouble(row.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToDouble(row.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), Int(row.GetValue(4))),
            cancellationToken, ("@project", project), ("@runs", runs), ("@count", count));

    public Task<HistoryResult<IReadOnlyList<OpenCluster>>> OpenClustersAsync(string project, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT c.signature, c.title, c.count, " +
            "(SELECT COUNT(DISTINCT c2.run_id) FROM clusters c2 JOIN runs r2 ON r2.id = c2.run_id WHERE r2.project = @project AND c2.signature = c.signature), " +
            "(SELECT MIN(r3.started_ms) FROM clusters c3 JOIN runs r3 ON r3.id = c3.run_id WHERE r3.project = @project AND c3.signature = c.signature) " +
            "FROM clusters c JOIN (SELECT id, iteration_count FROM runs WHERE project = @project ORDER BY started_ms DESC LIMIT 1) r " +
            "ON c.run_id = r.id AND c.iteration = r.iteration_count ORDER BY c.count DESC, c.signature",
            row => new OpenCluster(row.GetString(0), row.GetString(1), Int(row.GetValue(2)), Int(row.GetValue(3)), FromMs(row.GetValue(4))!.Value),
            cancellationToken, ("@project", project));

    public async Task<HistoryResult<SignatureSighting?>> LastSeenAsync(string project, string signature, string excludeRunId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            "SELECT r.id, r.started_ms, c.count, (SELECT COUNT(DISTINCT c2.run_id) FROM clusters c2 JOIN runs r2 ON r2.id = c2.run_id WHERE r2.project = @project AND c2.signature = @signature AND r2.id <> @exclude) " +
            "FROM clusters c JOIN runs r ON r.id = c.run_id WHERE r.project = @project AND c.signature = @signature AND r.id <> @exclude " +
            "ORDER BY r.started_ms DESC, c.iteration DESC LIMIT 1",
            row => new SignatureSighting(row.GetString(0), FromMs(row.GetValue(1))!.Value, Int(row.GetValue(2)), Int(row.GetValue(3))),
            cancellationToken, ("@project", project), ("@signature", signature), ("@exclude", excludeRunId));
        return rows.Succeeded ? HistoryResult<SignatureSighting?>.Ok(rows.Value!.FirstOrDefault()) : HistoryResult<SignatureSighting?>.Fail(rows.Error!);
    }

    public async Task<HistoryResult<DateTimeOffset?>> LastPassedAsync(string project, TestKey test, string excludeRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(test);
        var rows = await QueryAsync(
            "SELECT MAX(r.started_ms) FROM tests t JOIN runs r ON r.id = t.run_id " +
            "WHERE r.project = @project AND r.id <> @exclude AND t.suite = @suite AND t.name = @name AND t.outcome = 'passed'",
            row => FromMs(row.GetValue(0)),
            cancellationToken, ("@project", project), ("@exclude", excludeRunId), ("@suite", test.Suite), ("@name", test.Name));
        return rows.Succeeded ? HistoryResult<DateTimeOffset?>.Ok(rows.Value!.FirstOrDefault()) : HistoryResult<DateTimeOffset?>.Fail(rows.Error!);
    }

    private async Task<HistoryResult<IReadOnlyList<T>>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var result = new List<T>();
        var read = await EachRowAsync(sql, row => result.Add(map(row)), cancellationToken, parameters);
        return read.Succeeded ? HistoryResult<IReadOnlyList<T>>.Ok(result) : HistoryResult<IReadOnlyList<T>>.Fail(read.Error!);
    }

    /// <summary>Calls <paramref name="visit"/> with each row as it is read (nothing is held); how many rows there were.</summary>
    private protected Task<HistoryResult<int>> EachRowAsync(string sql, Action<DbDataReader> visit, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var command = Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var count = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                visit(reader);
                count++;
            }

            return HistoryResult<int>.Ok(count);
        });
}
