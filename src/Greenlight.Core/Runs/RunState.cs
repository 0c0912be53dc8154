using Greenlight.Config;
using Greenlight.Planning;
using Greenlight.Stages;
using Greenlight.Traffic;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

/// <summary>The facts a run has gathered so far; stages append, the verdict reads the finished record.</summary>
internal sealed partial class RunState(GreenlightConfig config, RunPlan plan, string runDirectory, DateTimeOffset startedAt, long startTimestamp, bool failFast)
{
    public GreenlightConfig Config { get; } = config;
    public RunPlan Plan { get; } = plan;
    public string RunDirectory { get; } = runDirectory;
    public long StartTimestamp { get; } = startTimestamp;
    public bool FailFast { get; } = failFast;
    public Dictionary<string, Uri> Urls { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> LogPaths { get; } = new(StringComparer.Ordinal);
    public List<ServiceRecord> Services { get; } = [];
    public List<ProbeRecord> Probes { get; } = [];
    /// <summary>Probe results with their times, for the proof rules.</summary>
    public List<ProbeResult> ProbeResults { get; } = [];
    /// <summary>Recording proxies, one per service, started after health and before tests.</summary>
    public List<IServiceProxy> Proxies { get; } = [];
    /// <summary>What the proxies saw (<c>traffic.jsonl</c>); null until the proxies start.</summary>
    public TrafficLog? Traffic { get; set; }
    /// <summary>Per suite: each test's median duration over its last passing runs (history), keyed by full name.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, TimeSpan>> MedianDurations { get; } = new(StringComparer.Ordinal);
    public List<SuiteRecord> Suites { get; } = [];
    public List<TestRecord> Tests { get; } = [];
    public List<PhaseRecord> Phases { get; } = [];
    public List<CommandRecord> Commands { get; } = [];
    public List<LogExcerpt> LogExcerpts { get; } = [];
    public TimingsRecord Timings { get; set; } = new();
    public bool Interrupted { get; set; }
    public string? Error { get; set; }
    public string RunId { get; init; } = "";
    public bool AnalysisOnly { get; init; }
    /// <summary>The loop iteration under way (1-based).</summary>
    public int Iteration { get; private set; } = 1;
    /// <summary>Where this iteration's suites, traffic and logs go: the run folder for the first, <c>iterations/&lt;n&gt;</c> after.</summary>
    public string WorkDirectory => Iteration == 1 ? RunDirectory : IterationDirectory;
    /// <summary><c>iterations/&lt;n&gt;</c>: the bundle and the remediation log.</summary>
    public string IterationDirectory => Path.Combine(RunDirectory, "iterations", Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public DateTimeOffset IterationStartedAt { get; private set; }
    public long IterationTimestamp { get; private set; }
    public int IterationCommandStart { get; private set; }
    public List<GateRecord> Gates { get; } = [];
    public List<RollbackRecord> Rollbacks { get; } = [];
    public List<string> BlockedBy { get; } = [];
    public List<string> DeployedThisIteration { get; } = [];
    public List<IterationRecord> Iterations { get; } = [];
    /// <summary>Services running from a stored last good build: never saved as last good again.</summary>
    public HashSet<string> RolledBack { get; } = new(StringComparer.Ordinal);
    public string? StopReason { get; set; }
    public string? StopDetail { get; set; }
    /// <summary>True between BeginIteration and the iteration's record.</summary>
    public bool IterationOpen { get; set; }

    /// <summary>Starts iteration <paramref name="number"/>: services and URLs stay, this iteration's facts start empty.</summary>
    public void BeginIteration(int number, DateTimeOffset now, long timestamp)
    {
        Iteration = number;
        IterationStartedAt = now;
        IterationTimestamp = timestamp;
        IterationCommandStart = Commands.Count;
        Probes.Clear();
        ProbeResults.Clear();
        Suites.Clear();
        Tests.Clear();
        Phases.Clear();
        LogExcerpts.Clear();
        Gates.Clear();
        Rollbacks.Clear();
        BlockedBy.Clear();
        DeployedThisIteration.Clear();
        ClearAnalysis();
        Timings = new TimingsRecord();
        IterationOpen = true;
        Directory.CreateDirectory(IterationDirectory);
    }

    /// <summary>Tags the commands this iteration ran with its number.</summary>
    public void TagCommands()
    {
        for (var i = IterationCommandStart; i < Commands.Count; i++)
        {
            Commands[i] = Commands[i] with { Iteration = Iteration };
        }
    }

    public bool Blocked =>
        BlockedBy.Count > 0 || Services.Any(s => s.Critical && !s.Deployed) || Probes.Any(p => p.Critical && !p.Healthy);

    /// <summary>Records every planned suite that has no result yet as not run, and closes its phase.</summary>
    public void SkipRemaining(string why)
    {
        foreach (var phase in Plan.Phases)
        {
            foreach (var suite in phase.Suites.Where(s => Suites.All(r => r.Id != s.Id)))
            {
                Suites.Add(SuiteEvaluator.NotRun(suite, why));
            }

            if (Phases.All(p => p.Priority != phase.Label))
            {
                Phases.Add(PhaseEvaluator.Evaluate(phase.Label, [.. Suites.Where(s => phase.Suites.Any(p => p.Id == s.Id))]));
            }
        }
    }

    public RunRecord ToRecord(string runId, DateTimeOffset endedAt, TimeSpan total) => new()
    {
        RunId = runId,
        Clusters = [.. ClusterRecords],
        Project = Config.Project,
        ConfigPath = Path.GetRelativePath(Config.RootDirectory, Config.SourcePath),
        StartedAt = startedAt,
        EndedAt = endedAt,
        Focus = Plan.Focus,
        FocusRationale = Plan.Rationale,
        FailFast = FailFast,
        Interrupted = Interrupted,
        Error = Error,
        Services = [.. Services],
        Revisions = Services.Where(s => s.Revision is not null).ToDictionary(s => s.Name, s => s.Revision!),
        Probes = [.. Probes],
        Phases = [.. Phases],
        Suites = [.. Suites],
        Tests = [.. Tests],
        Commands = [.. Commands],
        LogExcerpts = [.. LogExcerpts],
        Timings = Timings with { TotalMs = SuiteEvaluator.Ms(total) },
        Gates = [.. Gates],
        Rollbacks = [.. Rollbacks],
        BlockedBy = [.. BlockedBy],
        Iterations = [.. Iterations],
        StopReason = StopReason,
        StopDetail = StopDetail,
        AnalysisOnly = AnalysisOnly,
    };
}
