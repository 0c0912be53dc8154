using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;
using Greenlight.Core.Tests.Runs;
using Greenlight.Core.Tests.Snapshots;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs.History;

namespace Greenlight.Core.Tests.Reporting;

/// <summary>The History, Root causes and comparison sections, from a run shaped like a field incident: 1011 closes that began right after a backend deploy.</summary>
public sealed class WorklogRootCausesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 11, 22, 33, TimeSpan.Zero);

    // The listed tests are read at once, so the comparison is complete when the call returns.
    private static ResultComparison? Compare(PreviousRun previous, RunRecord run) =>
        RunComparison.CompareAsync(previous, run, CancellationToken.None).GetAwaiter().GetResult().Comparison;

    private static RunRecord RedWithClusters()
    {
        var red = SampleRuns.RedWithFailFast();
        var failures = new[] { "test_001_websocket_connection", "test_002_websocket_authentication" }.Select((name, i) => new FailureOccurrence
        {
            Suite = "p1-critical", Test = name, Phase = "P1", Runner = "dotnet",
            Message = "received 1011 (internal error) Internal error", Started = Start.AddSeconds(30 + i), Ended = Start.AddSeconds(31 + i),
        });
        var cluster = new FailureClusterer().Cluster(failures).Single();
        var entry = new LogEntry("backend", Start.AddSeconds(30.1), LogSeverity.Error, "websocket handler failed", "ValueError: Invalid user_id format: pending_auth", "…", 0);
        var chain = new EvidenceChain
        {
            Cluster = cluster,
            Impact = "$120K+ MRR",
            Services = ["backend"],
            Windows = [],
            Lines = [new RankedLogEntry(entry, 80, 2, ["error", "exception"])],
            PrecedingDeploy = new DeployEvent("backend", Start.AddSeconds(28), "restarted"),
            DeployLead = TimeSpan.FromSeconds(2),
            History = new HistoryFacts(Start.AddDays(-1), "20261122-112233-aa00", 1, new Dictionary<string, DateTimeOffset?> { ["test_001_websocket_connection"] = Start.AddDays(-2), ["test_002_websocket_authentication"] = null }),
        };
        var clusters = new[] { Greenlight.Runs.Analysing.ClusterRecords.From(chain, ["backend: GET /ws → 101, closed by server with 1011"], 1) };
        var run = red with { Clusters = clusters };
        var previous = new PreviousRun("20261122-112233-aa00", Start.AddDays(-1), "RED",
            new ListedPreviousTests([.. run.Tests.Select(t => new TestSnapshot(t.Suite, t.Name, TestStatus.Passed))]),
            [new ClusterSnapshot("old-signature", "timeouterror: timed out during opening handshake", 3)]);
        return run with
        {
            History = new HistoryRecord
            {
                Store = "sqlite {ROOT}/.greenlight/history.db",
                Saved = false,
                Problems = ["history not saved: {ROOT}/.greenlight/history.db is locked by another process"],
                Previous = new PreviousRunRecord(previous.RunId, previous.StartedAt, previous.Verdict, 5, 0, ["timed out during opening handshake (3)"]),
                PreviouslyFailing = ["p1-critical / test_009"],
                Baselines = 4,
                Comparison = Compare(previous, run),
            },
        };
    }

    [Fact]
    public void Render_RedRunWithClustersAndHistory_MatchesSnapshot() => Snapshot.Match(WorklogRenderer.Render(RedWithClusters()), "md");

    [Fact]
    public async Task RunJson_RunWithClustersAndHistory_RoundTripsToTheSameWorklog()
    {
        var run = RedWithClusters();

        var back = await RunFiles.RoundTripAsync(run);

        Assert.Equal(WorklogRenderer.Render(run), WorklogRenderer.Render(back));
        Assert.Equal("received 1011 (internal error) internal error", back.Clusters[0].Signature);
    }

    [Fact]
    public async Task Render_ComparedPastABlockedRun_SaysWhichRunWasSkippedAndWhy_NotRunTestsOneLine()
    {
        var run = RedWithClusters();
        // The run compared with ran these tests, 300 more that this run did not run, and one failing that stopped running.
        var previous = new PreviousRun("20261121-112233-bb00", Start.AddDays(-2), "RED",
            new ListedPreviousTests([.. run.Tests.Select(t => new TestSnapshot(t.Suite, t.Name, TestStatus.Passed)), .. Enumerable.Range(0, 300).Select(i => new TestSnapshot("p2-more", $"test_{i:000}", TestStatus.Passed)),
                new TestSnapshot("p2-more", "test_broken", TestStatus.Failed)]),
            []);
        run = run with
        {
            History = run.History! with
            {
                Previous = new PreviousRunRecord(previous.RunId, previous.StartedAt, previous.Verdict, previous.Tests.Count, 0, []),
                SkippedRuns = ["run 20261122-112233-aa00 skipped: BLOCKED, no tests ran"],
                Comparison = Compare(previous, run),
            },
        };

        var worklog = WorklogRenderer.Render(run);
        var section = worklog[worklog.IndexOf("## Compared with the last run", StringComparison.Ordinal)..];

        Assert.Contains("Last run `20261121-112233-bb00` (RED) → this run:", section, StringComparison.Ordinal);
        Assert.Contains("- run 20261122-112233-aa00 skipped: BLOCKED, no tests ran\n", section, StringComparison.Ordinal);
        Assert.Contains("300 test(s) not run in this run (they ran in last run).\n", section, StringComparison.Ordinal);
        Assert.Contains("| p2-more / test_broken | failed | — | not run |", section, StringComparison.Ordinal);
        Assert.Single(section.Split('\n'), l => l.EndsWith("| not run |", StringComparison.Ordinal));
        Assert.DoesNotContain("p2-more / test_000", section, StringComparison.Ordinal);
        // run.json keeps the skipped runs: a worklog rendered again from it says the same.
        Assert.Equal(worklog, WorklogRenderer.Render(await RunFiles.RoundTripAsync(run)));
    }

    [Fact]
    public void Render_NoEarlierRunRanTests_HistorySaysWhichWereSkipped_NoComparison()
    {
        var run = RedWithClusters();
        run = run with { History = run.History! with { Previous = null, Comparison = null, SkippedRuns = ["run 20261122-112233-aa00 skipped: BLOCKED, no tests ran"] } };

        var worklog = WorklogRenderer.Render(run);

        Assert.Contains("- **Last run:** none that ran tests (run 20261122-112233-aa00 skipped: BLOCKED, no tests ran)", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain("this is the first", worklog, StringComparison.Ordinal);
        Assert.DoesNotContain("## Compared with the last run", worklog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ClusterWhoseServiceChangedSinceItsLastGoodBuild_SaysWhatChangedAndWhichFiles()
    {
        var run = RedWithClusters();
        var change = new ServiceChangeRecord
        {
            Service = "backend", LastGood = "git a8aa565+build 3f9c2e1d", Current = "git b1c2d3e+build 7a6b5c4d", MadeGoodBy = "20261122-112233-aa00",
            Changed = ["build 3f9c2e1d → 7a6b5c4d", "git a8aa565 → b1c2d3e"], Files = ["backend/ws.py", "backend/auth.py"], MoreFiles = 3,
        };
        var cluster = run.Clusters[0];
        run = run with
        {
            Clusters = [cluster with { Changes = [change], Markdown = cluster.Markdown + Greenlight.Runs.Analysing.ClusterRecords.Changes([change]) }],
        };

        var worklog = WorklogRenderer.Render(run);

        Assert.Contains(
            "- **Changed since the last good build**:\n"
            + "  - backend `git a8aa565+build 3f9c2e1d` (good since run 20261122-112233-aa00) → `git b1c2d3e+build 7a6b5c4d`: build 3f9c2e1d → 7a6b5c4d; git a8aa565 → b1c2d3e\n"
            + "    - files changed in its folder: `backend/ws.py`, `backend/auth.py` and 3 more\n",
            worklog, StringComparison.Ordinal);
        // The evidence bundle for whoever fixes it says the same.
        Assert.Contains("backend changed since its last good build (run 20261122-112233-aa00): build 3f9c2e1d → 7a6b5c4d; git a8aa565 → b1c2d3e; "
            + "files: backend/ws.py, backend/auth.py and 3 more", Greenlight.Runs.Remediating.BundleWriter.Clusters(run).Single(c => c.Source == "analysis").Evidence);
        var back = await RunFiles.RoundTripAsync(run);
        Assert.Equal(change.Files, back.Clusters[0].Changes.Single().Files);
    }

    [Fact]
    public void Changes_EnvOnlyAndUnlistedFiles_SaidInWords()
    {
        var env = new ServiceChangeRecord { Service = "api", LastGood = "build 1+env a", Current = "build 1+env b", Changed = ["env a → b"] };
        var git = new ServiceChangeRecord { Service = "web", LastGood = "git 1111111+build 1", Current = "git 2222222+build 1", Changed = ["git 1111111 → 2222222"], FilesProblem = "git diff failed: bad object 1111111" };

        var text = Greenlight.Runs.Analysing.ClusterRecords.Changes([env, git]);

        Assert.Equal(
            "- **Changed since the last good build**:\n"
            + "  - api `build 1+env a` → `build 1+env b`: env a → b\n"
            + "  - web `git 1111111+build 1` → `git 2222222+build 1`: git 1111111 → 2222222\n"
            + "    - files changed: not listed (git diff failed: bad object 1111111)\n",
            text);
        Assert.Equal("", Greenlight.Runs.Analysing.ClusterRecords.Changes([]));
    }

    [Fact]
    public void Render_FlakyTest_ListedWithFlipRate()
    {
        var run = RedWithClusters();
        run = run with { Tests = [run.Tests[0] with { Outcome = TestOutcome.Failed, Flaky = true, Attempts = 2, FlipRate = 0.5 }, .. run.Tests.Skip(1)] };

        var worklog = WorklogRenderer.Render(run);

        Assert.Contains("### Flaky tests", worklog, StringComparison.Ordinal);
        Assert.Contains($"| `{run.Tests[0].Name}` | 2 | 50 % |", worklog, StringComparison.Ordinal);
    }
}
