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

    public bool Blocked =>
        Services.Any(s => s.Critical && !s.Deployed) || Probes.Any(p => p.Critical && !p.Healthy);

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
        Project = Config.Project,
        ConfigPath = Path.GetRelativePath(Config.RootDirectory, Config.SourcePath),
        StartedAt = startedAt,
        EndedAt = endedAt,
        Focus = Plan.Focus,
        FocusRationale = Plan.Rationale,
        FailFast = FailFast,
        Interrupted = Interrupted,
        Error = Error,
        Services = Services,
        Revisions = Services.Where(s => s.Revision is not null).ToDictionary(s => s.Name, s => s.Revision!),
        Probes = Probes,
        Phases = Phases,
        Suites = Suites,
        Tests = Tests,
        Commands = Commands,
        LogExcerpts = LogExcerpts,
        Timings = Timings with { TotalMs = SuiteEvaluator.Ms(total) },
    };
}
