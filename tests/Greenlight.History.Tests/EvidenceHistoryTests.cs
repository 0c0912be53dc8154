using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;

namespace Greenlight.History.Tests;

public sealed class EvidenceHistoryTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gl-evhist-");

    [Fact]
    public async Task LoadFactsAsync_ClusterSeenBefore_LastSeenAndLastPassedFromEarlierRuns()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = cts.Token;
        await using var store = (await SqliteHistoryStore.OpenAsync(Path.Combine(_folder.FullName, "h.db"), cancellationToken: ct)).Value!;
        var cluster = new FailureClusterer().Cluster([new FailureOccurrence { Suite = "p1-critical", Test = "t", Message = "received 1011 (internal error) Internal error" }])[0];
        var chain = new EvidenceChain
        {
            Cluster = cluster,
            Services = ["backend"],
            Windows = [],
            Lines = [new RankedLogEntry(new LogEntry("backend", Runs.Epoch, LogSeverity.Error, "Error in handler", "ValueError: Invalid user_id format: pending_auth", "", 0), 70, 1, ["error"])],
        };
        Assert.True((await store.SaveRunAsync(Runs.Run("p", 1, "GREEN", [Runs.Passed("t")]), ct)).Succeeded);
        Assert.True((await store.SaveRunAsync(Runs.Run("p", 2, "RED", [Runs.Failed("t")], [EvidenceHistory.ToHistoryCluster(chain)]), ct)).Succeeded);

        var facts = await EvidenceHistory.LoadFactsAsync(store, "p", "p-run-00003", cluster, ct);

        Assert.True(facts.Succeeded, facts.Error);
        Assert.Equal(Runs.Epoch.AddMinutes(2), facts.Value!.SignatureLastSeen);
        Assert.Equal(1, facts.Value.SignatureRunsSeen);
        Assert.Equal(Runs.Epoch.AddMinutes(1), facts.Value.TestsLastPassed["t"]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
