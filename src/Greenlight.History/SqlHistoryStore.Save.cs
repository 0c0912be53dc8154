using System.Data.Common;

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

    private static async Task SaveTestsAsync(DbConnection connection, DbTransaction transaction, string runId, HistoryIteration iteration, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "INSERT INTO tests (run_id, iteration, suite, name, phase, outcome, duration_ms, proven, reasons, message, started_ms, attempts, flaky) " +
            "VALUES (@run, @n, @suite, @name, @phase, @outcome, @duration, @proven, @reasons, @message, @started, @attempts, @flaky)",
            ("@run", runId), ("@n", iteration.Number), ("@suite", ""), ("@name", ""), ("@phase", ""), ("@outcome", ""), ("@duration", 0.0),
            ("@proven", 0), ("@reasons", ""), ("@message", null), ("@started", null), ("@attempts", 1), ("@flaky", 0));
        foreach (var t in iteration.Tests.DistinctBy(t => (t.Suite, t.Name)))
        {
            Set(command, "@suite", t.Suite);
            Set(command, "@name", t.Name);
            Set(command, "@phase", t.Phase);
            Set(command, "@outcome", t.Outcome);
            Set(command, "@duration", t.DurationMs);
            Set(command, "@proven", t.Proven ? 1 : 0);
            Set(command, "@reasons", string.Join(',', t.Reasons));
            Set(command, "@message", t.Message);
            Set(command, "@started", Ms(t.Started));
            Set(command, "@attempts", t.Attempts);
            Set(command, "@flaky", t.Flaky ? 1 : 0);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

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

    private static void Set(DbCommand command, string name, object? value)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.ParameterName == name)
            {
                parameter.Value = value ?? DBNull.Value;
                return;
            }
        }
    }
}
