using Greenlight.Analysis;
using Greenlight.Analysis.Logs;
using Greenlight.Model;

namespace Greenlight.Runs.Sharding;

/// <summary>What <c>greenlight run --deploy-only</c> recorded: the services as they run, where, and their probes.</summary>
public sealed record ShardDeployment
{
    public required string RunId { get; init; }
    public required string Project { get; init; }
    /// <summary>The focus the deploy-only run was given; every shard and the finish plan with it.</summary>
    public string? Focus { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>The machine the services run on, and the deploy-only run's folder there.</summary>
    public string Host { get; init; } = "";
    public string Directory { get; init; } = "";
    public IReadOnlyList<ServiceRecord> Services { get; init; } = [];
    public IReadOnlyDictionary<string, string> Urls { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> LogPaths { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ProbeRecord> Probes { get; init; } = [];
    public IReadOnlyList<CommandRecord> Commands { get; init; } = [];
    public IReadOnlyList<GateRecord> Gates { get; init; } = [];
    public IReadOnlyList<string> BlockedBy { get; init; } = [];
    public long DeployMs { get; init; }
    public long ProbeMs { get; init; }
    /// <summary>A gate failed or a critical service is down: no shard runs, and finish writes the deploy-only run's verdict.</summary>
    public bool Ready { get; init; }
}

/// <summary>Which shard runs which test of each suite, made once by the first shard and read by the others and by finish.</summary>
public sealed record ShardPlan
{
    public required int Shards { get; init; }
    /// <summary>"history medians" or "test counts": what the shards were balanced by.</summary>
    public string BalancedBy { get; init; } = "";
    public IReadOnlyList<ShardSuitePlan> Suites { get; init; } = [];

    public ShardSuitePlan? Suite(string id) => Suites.FirstOrDefault(s => s.Suite == id);
}

/// <param name="Tests">Per shard (index 0 is shard 1), the tests it owns as the runner lists them.</param>
/// <param name="Problems">Why the suite could not be listed; its tests then all go to shard 1, which reports the problem.</param>
public sealed record ShardSuitePlan(string Suite, IReadOnlyList<IReadOnlyList<string>> Tests, IReadOnlyList<string> Problems);

/// <summary>One shard's results, as <c>greenlight finish</c> merges them.</summary>
public sealed record ShardReport
{
    public required int Shard { get; init; }
    public required int Shards { get; init; }
    public string Host { get; init; } = "";
    public string Directory { get; init; } = "";
    /// <summary>Every suite the shard owned ran to its end (stopping at a phase boundary because another shard's P1 failed counts as an end).</summary>
    public bool Complete { get; init; }
    /// <summary>Why it ended early (interrupted, an error), when it did.</summary>
    public string? Stop { get; init; }
    public long DurationMs { get; init; }
    public IReadOnlyList<SuiteRecord> Suites { get; init; } = [];
    public IReadOnlyList<TestRecord> Tests { get; init; } = [];
    public IReadOnlyList<CommandRecord> Commands { get; init; } = [];
    public IReadOnlyList<FailureOccurrence> Failures { get; init; } = [];
    public IReadOnlyDictionary<string, LogWindow> Windows { get; init; } = new Dictionary<string, LogWindow>();
    public IReadOnlyList<TrafficRecord> Traffic { get; init; } = [];
    public IReadOnlyList<ProbeRecord> Probes { get; init; } = [];
}
