using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;
using Greenlight.Model;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Probing;
using Greenlight.Runs.Recording;
using Greenlight.Secrets;

namespace Greenlight.Runs.Analysing;

/// <summary>What analysis reads: this iteration's failures and their windows, the deployment, probes, rollbacks and traffic.</summary>
internal sealed record AnalysisInput(
    Deployment Deployment,
    ProbeStageResult Probes,
    IReadOnlyList<RollbackRecord> Rollbacks,
    IReadOnlyDictionary<string, ReplacedRevision> Replaced,
    IReadOnlyList<FailureOccurrence> Failures,
    IReadOnlyDictionary<string, LogWindow> SuiteWindows,
    IReadOnlyList<TrafficRecord> Traffic,
    DateTimeOffset IterationStartedAt);

/// <summary>The root-cause clusters, largest first, with what history could not tell and why analysis failed (it is an aid: never fatal).</summary>
internal sealed record AnalysisResult(IReadOnlyList<ClusterRecord> Clusters, IReadOnlyList<string> HistoryProblems, string? Error)
{
    public static AnalysisResult None { get; } = new([], [], null);
}

/// <summary>
/// Failures → clusters → evidence chains: the services the failing tests talked to, their log lines
/// in the failure windows, the deploy that preceded the first failure, and what history knows. A
/// critical service that would not start or answer is a failure of its own. Each cluster says what changed
/// in its services since their last good build (<see cref="ChangeAttributor"/>).
/// </summary>
internal sealed class AnalysisStage(TimeProvider time, SecretRedactor redactor, IRunProgress progress, ChangeAttributor changes)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public async Task<AnalysisResult> AnalyseAsync(RunContext run, AnalysisInput input, HistorySession history)
    {
        // Not the run's token: an interrupted run is still analysed, what failed before Ctrl+C is worth explaining.
        using var timeout = new CancellationTokenSource(Timeout, time);
        try
        {
            return await ClusterAsync(run, input, history, timeout.Token);
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            return AnalysisResult.None with { Error = $"analysis failed: {ex.Message}" };
        }
    }

    private async Task<AnalysisResult> ClusterAsync(RunContext run, AnalysisInput input, HistorySession history, CancellationToken cancellationToken)
    {
        var failures = input.Failures.Concat(StartupFailures.Of(input, time.GetUtcNow())).ToList();
        if (failures.Count == 0)
        {
            return AnalysisResult.None;
        }

        var deploys = input.Deployment.Services.Where(s => s.Deployed && s.StartedAt is not null)
            .Select(s => new DeployEvent(s.Name, s.StartedAt!.Value, "deployed", s.Revision))
            .Concat(input.Replaced.Where(r => r.Value.StartedAt is not null)
                .Select(r => new DeployEvent(r.Key, r.Value.StartedAt!.Value, "deployed", r.Value.Revision))).ToList();
        // A service that stopped during the run precedes the failures after it ("backend stopped (killed by SIGKILL, …) 1.2 s before the first failure").
        var stops = input.Deployment.Services.Select(s => s.Exit).OfType<ServiceExitRecord>()
            .Select(e => new DeployEvent(e.Service, e.At, $"stopped ({e.Description})")).ToList();
        var sources = LogSources.Of(input, run.Config, redactor, time);
        var builder = new EvidenceChainBuilder(redactor);
        var changed = await changes.AttributeAsync(run, input, cancellationToken);
        var clusters = new FailureClusterer(redactor).Cluster(failures, input.Traffic);
        progress.Step("analyse", "failures", $"{failures.Count} failure(s) in {clusters.Count} cluster(s)", null);
        var records = new List<ClusterRecord>();
        var problems = new List<string>();
        foreach (var cluster in clusters)
        {
            var suites = run.Config.Suites.Where(s => cluster.Suites.Contains(s.Id)).ToList();
            var configured = cluster.Suites.Contains(StartupFailures.DeploySuite)
                ? cluster.Tests
                : [.. suites.SelectMany(s => s.Services).Distinct(StringComparer.Ordinal)];
            var (facts, problem) = await history.FactsAsync(run, cluster, cancellationToken);
            if (problem is not null)
            {
                problems.Add(problem);
            }

            var chain = await builder.BuildAsync(new EvidenceRequest
            {
                Cluster = cluster,
                Services = ServicesInvolved.Find(cluster, input.Traffic, configured),
                LogSources = sources,
                Deploys = cluster.Occurrences.Any(o => o.IsCause) ? deploys : [.. deploys, .. stops],
                FallbackWindow = suites.Select(s => input.SuiteWindows.GetValueOrDefault(s.Id)).FirstOrDefault(w => w is not null),
                Impact = suites.Select(s => s.Impact).FirstOrDefault(i => i is not null),
                History = facts,
            }, cancellationToken);
            records.Add(ClusterRecords.From(chain, ServicesInvolved.Faults(ServicesInvolved.Records(cluster, input.Traffic), cluster.Signature.Exchange), records.Count + 1,
                changed.For(chain.Services)));
        }

        progress.Step("analyse", "failures", $"root causes: {string.Join("; ", records.Take(3).Select(c => c.Title))}", true);
        return new(records, problems, null);
    }
}
