namespace Greenlight.History.Tests;

/// <summary>Builds history runs for tests: one iteration with the given tests.</summary>
internal static class Runs
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public static HistoryTest Passed(string name, double ms = 1200, string suite = "p1-critical", string phase = "P1") =>
        new(suite, name, phase, "passed", ms, true, []);

    public static HistoryTest Failed(string name, double ms = 900, string suite = "p1-critical", string phase = "P1") =>
        new(suite, name, phase, "failed", ms, false, [], "received 1011 (internal error) Internal error");

    public static HistoryRun Run(string project, int index, string verdict, IReadOnlyList<HistoryTest> tests, IReadOnlyList<HistoryCluster>? clusters = null) => new()
    {
        Id = $"{project}-run-{index:D5}",
        Project = project,
        Started = Epoch.AddMinutes(index),
        Ended = Epoch.AddMinutes(index).AddSeconds(40),
        Verdict = verdict,
        Focus = "golden-path",
        Iterations =
        [
            new HistoryIteration
            {
                Number = 1,
                Started = Epoch.AddMinutes(index),
                Ended = Epoch.AddMinutes(index).AddSeconds(40),
                Verdict = verdict,
                Revisions = [new HistoryRevision("backend", $"git abc{index}", Epoch.AddMinutes(index))],
                Probes = [new HistoryProbe { Service = "backend", Kind = "http", Url = "http://127.0.0.1:1/health", Healthy = true, Status = 200, LatencyMs = 3.5, At = Epoch.AddMinutes(index) }],
                Tests = tests,
                Clusters = clusters ?? [],
            },
        ],
    };

    public static HistoryCluster Cluster(string signature, int count) =>
        new(signature, signature, count, Epoch, [new HistoryEvidenceLine(1, "backend", Epoch, "error", "ValueError: Invalid user_id format: pending_auth")]);
}
