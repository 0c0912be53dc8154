using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;
using Greenlight.Runs.History;

namespace Greenlight.Runs;

internal sealed partial class RunState
{
    /// <summary>The open history store; null when none is configured in this host or it could not be opened.</summary>
    public IRunHistory? HistoryStore { get; set; }
    public string? HistoryDescription { get; set; }
    /// <summary>"history not read: …" and the like, for the worklog.</summary>
    public List<string> HistoryProblems { get; } = [];
    public PreviousRun? Previous { get; set; }
    public List<string> PreviouslyFailing { get; } = [];
    /// <summary>Each failed or errored test with its message, stack and times, for clustering.</summary>
    public List<FailureOccurrence> Failures { get; } = [];
    /// <summary>Each suite's run window, for failures that carry no times.</summary>
    public Dictionary<string, LogWindow> SuiteWindows { get; } = new(StringComparer.Ordinal);
    /// <summary>The evidence chains of this run's clusters, largest cluster first.</summary>
    public List<EvidenceChain> Chains { get; } = [];
    /// <summary>The clusters as run.json keeps them, in the order of <see cref="Chains"/>.</summary>
    public List<ClusterRecord> ClusterRecords { get; } = [];
    /// <summary>Retries of failed tests: (suite, test) → (attempts, passed on a retry).</summary>
    public Dictionary<(string Suite, string Test), (int Attempts, bool Flaky)> Retries { get; } = [];

    /// <summary>Service → the revision a rollback replaced: its log, start and first failure are the evidence of why.</summary>
    public Dictionary<string, ReplacedRevision> Replaced { get; } = new(StringComparer.Ordinal);

    /// <summary>Each iteration is analysed on its own: its failures, windows, clusters and retries.</summary>
    private void ClearAnalysis()
    {
        Failures.Clear();
        SuiteWindows.Clear();
        Chains.Clear();
        ClusterRecords.Clear();
        Retries.Clear();
        Replaced.Clear();
    }
}

/// <summary>A revision that was rolled back: where it logged, when it started, when it was first seen failing.</summary>
internal sealed record ReplacedRevision(string? LogPath, string? Revision, DateTimeOffset? StartedAt, DateTimeOffset? FailedAt);
