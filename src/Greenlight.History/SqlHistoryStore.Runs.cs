namespace Greenlight.History;

public abstract partial class SqlHistoryStore
{
    public Task<HistoryResult<IReadOnlyList<HistoryTest>>> RunTestsAsync(string runId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT t.suite, t.name, t.phase, t.outcome, t.duration_ms, t.proven, t.message, t.attempts, t.flaky " +
            "FROM tests t JOIN runs r ON r.id = t.run_id AND t.iteration = r.iteration_count WHERE r.id = @run ORDER BY t.suite, t.name",
            row => new HistoryTest(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3),
                Convert.ToDouble(row.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), Int(row.GetValue(5)) == 1, [],
                row.IsDBNull(6) ? null : row.GetString(6), null, Int(row.GetValue(7)), Int(row.GetValue(8)) == 1),
            cancellationToken, ("@run", runId));

    public Task<HistoryResult<int>> ReadRunTestsAsync(string runId, string? suite, Action<HistoryTestStatus> visit, CancellationToken cancellationToken) =>
        EachRowAsync(
            "SELECT t.suite, t.name, t.outcome, t.proven, t.flaky " +
            "FROM tests t JOIN runs r ON r.id = t.run_id AND t.iteration = r.iteration_count WHERE r.id = @run " +
            (suite is null ? "" : "AND t.suite = @suite ") + "ORDER BY t.suite, t.name",
            row => visit(new HistoryTestStatus(row.GetString(0), row.GetString(1), row.GetString(2), Int(row.GetValue(3)) == 1, Int(row.GetValue(4)) == 1)),
            cancellationToken, suite is null ? [("@run", runId)] : [("@run", runId), ("@suite", suite)]);

    public async Task<HistoryResult<(int Tests, int Failed)>> RunTestCountsAsync(string runId, CancellationToken cancellationToken)
    {
        (int, int) counts = (0, 0);
        var read = await EachRowAsync(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN t.flaky = 1 OR t.outcome NOT IN ('passed', 'skipped') THEN 1 ELSE 0 END), 0) " +
            "FROM tests t JOIN runs r ON r.id = t.run_id AND t.iteration = r.iteration_count WHERE r.id = @run",
            row => counts = (Int(row.GetValue(0)), Int(row.GetValue(1))),
            cancellationToken, ("@run", runId));
        return read.Succeeded ? HistoryResult<(int, int)>.Ok(counts) : HistoryResult<(int, int)>.Fail(read.Error!);
    }

    public Task<HistoryResult<IReadOnlyList<(string Suite, int Requests)>>> RunSuiteTrafficAsync(string runId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT s.suite, s.requests FROM suite_traffic s JOIN runs r ON r.id = s.run_id AND s.iteration = r.iteration_count WHERE r.id = @run ORDER BY s.suite",
            row => (row.GetString(0), Int(row.GetValue(1))),
            cancellationToken, ("@run", runId));

    public Task<HistoryResult<IReadOnlyList<HistoryCluster>>> RunClustersAsync(string runId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT c.signature, c.title, c.count, c.first_ms " +
            "FROM clusters c JOIN runs r ON r.id = c.run_id AND c.iteration = r.iteration_count WHERE r.id = @run ORDER BY c.count DESC, c.signature",
            row => new HistoryCluster(row.GetString(0), row.GetString(1), Int(row.GetValue(2)), FromMs(row.GetValue(3)), []),
            cancellationToken, ("@run", runId));
}
