namespace Greenlight.History;

/// <summary>
/// The schema as numbered steps. Types are the ones SQLite and PostgreSQL both accept with the
/// same meaning (times are Unix milliseconds, booleans 0/1), so one script serves both.
/// A step is never edited once released; changes are new steps.
/// </summary>
internal static class HistorySchema
{
    public static int Latest => Steps.Count;

    public static IReadOnlyList<string[]> Steps { get; } =
    [
        // v1: runs, iterations, revisions, probes, tests.
        [
            "CREATE TABLE runs (id TEXT PRIMARY KEY, project TEXT NOT NULL, started_ms BIGINT NOT NULL, ended_ms BIGINT, verdict TEXT NOT NULL, focus TEXT NOT NULL, iteration_count INTEGER NOT NULL)",
            "CREATE INDEX ix_runs_project_started ON runs (project, started_ms)",
            "CREATE TABLE iterations (run_id TEXT NOT NULL, number INTEGER NOT NULL, started_ms BIGINT NOT NULL, ended_ms BIGINT, verdict TEXT, PRIMARY KEY (run_id, number))",
            "CREATE TABLE revisions (run_id TEXT NOT NULL, iteration INTEGER NOT NULL, service TEXT NOT NULL, revision TEXT, deployed_ms BIGINT, PRIMARY KEY (run_id, iteration, service))",
            "CREATE TABLE probes (run_id TEXT NOT NULL, iteration INTEGER NOT NULL, seq INTEGER NOT NULL, service TEXT NOT NULL, kind TEXT NOT NULL, url TEXT NOT NULL, healthy INTEGER NOT NULL, status INTEGER, close_code INTEGER, latency_ms DOUBLE PRECISION NOT NULL, detail TEXT NOT NULL, at_ms BIGINT NOT NULL, PRIMARY KEY (run_id, iteration, seq))",
            "CREATE TABLE tests (run_id TEXT NOT NULL, iteration INTEGER NOT NULL, suite TEXT NOT NULL, name TEXT NOT NULL, phase TEXT NOT NULL, outcome TEXT NOT NULL, duration_ms DOUBLE PRECISION NOT NULL, proven INTEGER NOT NULL, reasons TEXT NOT NULL, message TEXT, started_ms BIGINT, PRIMARY KEY (run_id, iteration, suite, name))",
            "CREATE INDEX ix_tests_suite_name ON tests (suite, name)",
        ],
        // v2: retries and flakiness on tests; clusters with their evidence lines.
        [
            "ALTER TABLE tests ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1",
            "ALTER TABLE tests ADD COLUMN flaky INTEGER NOT NULL DEFAULT 0",
            "CREATE TABLE clusters (run_id TEXT NOT NULL, iteration INTEGER NOT NULL, signature TEXT NOT NULL, title TEXT NOT NULL, count INTEGER NOT NULL, first_ms BIGINT, PRIMARY KEY (run_id, iteration, signature))",
            "CREATE INDEX ix_clusters_signature ON clusters (signature)",
            "CREATE TABLE evidence_lines (run_id TEXT NOT NULL, iteration INTEGER NOT NULL, signature TEXT NOT NULL, line_rank INTEGER NOT NULL, service TEXT NOT NULL, at_ms BIGINT, level TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (run_id, iteration, signature, line_rank))",
        ],
        // v3: covering indexes for one test's history (duration baseline, last passed): no table lookups per row.
        [
            "CREATE INDEX ix_tests_test_outcome ON tests (suite, name, outcome, run_id, iteration, duration_ms, proven)",
            "CREATE INDEX ix_runs_id_project_started ON runs (id, project, started_ms)",
        ],
        // v4: requests per suite, so a suite whose traffic drops between runs can be noticed.
        [
            "CREATE TABLE suite_traffic (run_id TEXT NOT NULL, iteration INTEGER NOT NULL, suite TEXT NOT NULL, requests INTEGER NOT NULL, PRIMARY KEY (run_id, iteration, suite))",
        ],
        // v5: sharded runs: the deployment a deploy-only run recorded, the shard plan, the stop flag, and each shard's report (one per shard).
        [
            "CREATE TABLE shard_runs (run_id TEXT PRIMARY KEY, project TEXT NOT NULL, deployment TEXT NOT NULL, plan TEXT, stop_reason TEXT, created_ms BIGINT NOT NULL, finished_ms BIGINT)",
            "CREATE TABLE shard_reports (run_id TEXT NOT NULL, shard INTEGER NOT NULL, report TEXT NOT NULL, reported_ms BIGINT NOT NULL, PRIMARY KEY (run_id, shard))",
        ],
    ];

    public const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_ms BIGINT NOT NULL)";
}
