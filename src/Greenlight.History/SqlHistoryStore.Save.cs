using System.Data.Common;
using System.Globalization;

namespace Greenlight.History;

public abstract partial class SqlHistoryStore
{
    private static readonly string[] ChildTables = ["evidence_lines", "clusters", "tests", "probes", "revisions", "iterations"];

    public Task<HistoryResult<Saved>> SaveRunAsync(HistoryRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return GuardAsync(async () =>
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction,
                "INSERT INTO runs (id, project, started_ms, ended_ms, verdict, focus, iteration_count) VALUES (@id, @project, @started, @ended, @verdict, @focus, @count) " +
                "ON CONFLICT (id) DO UPDATE SET project = excluded.project, started_ms = excluded.started_ms, ended_ms = excluded.ended_ms, verdict = excluded.verdict, focus = excluded.focus, iteration_count = excluded.iteration_count",
                cancellationToken,
                ("@id", run.Id), ("@project", run.Project), ("@started", Ms(run.Started)), ("@ended", Ms(run.Ended)),
                ("@verdict", run.Verdict), ("@focus", run.Focus), ("@count", run.Iterations.Count));

            // Replace, not merge: the orchestrator saves the whole run after every iteration.
            foreach (var table in ChildTables)
            {
                await ExecuteAsync(connection, transaction, $"DELETE FROM {table} WHERE run_id = @id", cancellationToken, ("@id", run.Id));
            }

            foreach (var iteration in run.Iterations)
            {
                await SaveIterationAsync(connection, transaction, run.Id, iteration, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return HistoryResult<Saved>.Ok(default);
        });
    }

    private static async Task SaveIterationAsync(DbConnection connection, DbTransaction transaction, string runId, HistoryIteration iteration, CancellationToken cancellationToken)
    {
        var n = iteration.Number;
        await ExecuteAsync(connection, transaction,
            "INSERT INTO iterations (run_id, number, started_ms, ended_ms, verdict) VALUES (@run, @n, @started, @ended, @verdict)",
            cancellationToken, ("@run", runId), ("@n", n), ("@started", Ms(iteration.Started)), ("@ended", Ms(iteration.Ended)), ("@verdict", iteration.Verdict));

        foreach (var revision in iteration.Revisions.DistinctBy(r => r.Service))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO revisions (run_id, iteration, service, revision, deployed_ms) VALUES (@run, @n, @service, @revision, @at)",
                cancellationToken, ("@run", runId), ("@n", n), ("@service", revision.Service), ("@revision", revision.Revision), ("@at", Ms(revision.DeployedAt)));
        }

        for (var i = 0; i < iteration.Probes.Count; i++)
        {
            var p = iteration.Probes[i];
            await ExecuteAsync(connection, transaction,
                "INSERT INTO probes (run_id, iteration, seq, service, kind, url, healthy, status, close_code, latency_ms, detail, at_ms) " +
                "VALUES (@run, @n, @seq, @service, @kind, @url, @healthy, @status, @close, @latency, @detail, @at)",
                cancellationToken, ("@run", runId), ("@n", n), ("@seq", i), ("@service", p.Service), ("@kind", p.Kind), ("@url", p.Url),
                ("@healthy", p.Healthy ? 1 : 0), ("@status", p.Status), ("@close", p.CloseCode), ("@latency", p.LatencyMs), ("@detail", p.Detail), ("@at", Ms(p.At)));
        }

        await SaveTestsAsync(connection, transaction, runId, iteration, cancellationToken);
        await SaveClustersAsync(connection, transaction, runId, iteration, cancellationToken);
        foreach (var (suite, requests) in iteration.SuiteRequests)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO suite_traffic (run_id, iteration, suite, requests) VALUES (@run, @n, @suite, @requests)",
                cancellationToken, ("@run", runId), ("@n", iteration.Number), ("@suite", suite), ("@requests", requests));
        }
    }

    /// <summary>Rows per INSERT: a run with a million tests is 5,000 statements, not a million (SQLite and PostgreSQL both take this many parameters).</summary>
    internal const int TestBatch = 200;

    private static readonly string[] TestColumns = ["suite", "name", "phase", "outcome", "duration_ms", "proven", "reasons", "message", "started_ms", "attempts", "flaky"];

    /// <summary>The tests in multi-row INSERTs of <see cref="TestBatch"/>, inside the save's one transaction.</summary>
    private static async Task SaveTestsAsync(DbConnection connection, DbTransaction transaction, string runId, HistoryIteration iteration, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string, string)>();
        var batch = new List<HistoryTest>(TestBatch);
        DbCommand? full = null;
        try
        {
            foreach (var t in iteration.Tests)
            {
                if (!seen.Add((t.Suite, t.Name)))
                {
                    continue;
                }

                batch.Add(t);
                if (batch.Count == TestBatch)
                {
                    full ??= TestInsert(connection, transaction, runId, iteration.Number, TestBatch);
                    await InsertTestsAsync(full, batch, cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await using var rest = TestInsert(connection, transaction, runId, iteration.Number, batch.Count);
                await InsertTestsAsync(rest, batch, cancellationToken);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    /// <summary>INSERT INTO tests … VALUES (…), (…): the run and iteration once, then one group of parameters per row.</summary>
    private static DbCommand TestInsert(DbConnection connection, DbTransaction transaction, string runId, int iteration, int rows)
    {
        var sql = new System.Text.StringBuilder("INSERT INTO tests (run_id, iteration, ").AppendJoin(", ", TestColumns).Append(") VALUES ");
        var parameters = new List<(string Name, object? Value)> { ("@run", runId), ("@n", iteration) };
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(@run, @n" : ", (@run, @n");
            foreach (var column in TestColumns)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@{column}{row}");
                sql.Append(", ").Append(name);
                parameters.Add((name, null));
            }

            sql.Append(')');
        }

        return Command(connection, transaction, sql.ToString(), [.. parameters]);
    }

    private static async Task InsertTestsAsync(DbCommand command, List<HistoryTest> rows, CancellationToken cancellationToken)
    {
        var p = 2; // after @run and @n, in TestColumns order
        foreach (var t in rows)
        {
            Value(command, p++, t.Suite);
            Value(command, p++, t.Name);
            Value(command, p++, t.Phase);
            Value(command, p++, t.Outcome);
            Value(command, p++, t.DurationMs);
            Value(command, p++, t.Proven ? 1 : 0);
            Value(command, p++, string.Join(',', t.Reasons));
            Value(command, p++, t.Message);
            Value(command, p++, Ms(t.Started));
            Value(command, p++, t.Attempts);
            Value(command, p++, t.Flaky ? 1 : 0);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Value(DbCommand command, int index, object? value) => command.Parameters[index].Value = value ?? DBNull.Value;

    private static async Task SaveClustersAsync(DbConnection connection, DbTransaction transaction, string runId, HistoryIteration iteration, CancellationToken cancellationToken)
    {
        foreach (var c in iteration.Clusters.DistinctBy(c => c.Signature))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO clusters (run_id, iteration, signature, title, count, first_ms) VALUES (@run, @n, @signature, @title, @count, @first)",
                cancellationToken, ("@run", runId), ("@n", iteration.Number), ("@signature", c.Signature), ("@title", c.Title), ("@count", c.Count), ("@first", Ms(c.FirstFailure)));
            foreach (var line in c.Evidence.DistinctBy(l => l.Rank))
            {
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO evidence_lines (run_id, iteration, signature, line_rank, service, at_ms, level, text) VALUES (@run, @n, @signature, @rank, @service, @at, @level, @text)",
                    cancellationToken, ("@run", runId), ("@n", iteration.Number), ("@signature", c.Signature), ("@rank", line.Rank),
                    ("@service", line.Service), ("@at", Ms(line.At)), ("@level", line.Level), ("@text", line.Text));
            }
        }
    }
}
