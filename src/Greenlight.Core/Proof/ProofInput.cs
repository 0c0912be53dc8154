using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Stages;

namespace Greenlight.Proof;

/// <summary>The facts about one suite run that <see cref="ProofEvaluator"/> judges.</summary>
public sealed record ProofInput
{
    public required string SuiteId { get; init; }

    /// <summary>"pytest", "dotnet", "command": what a missing fact means depends on it.</summary>
    public string? Runner { get; init; }

    /// <summary>The cases the result reader gave (TRX with start/end times, JUnit without).</summary>
    public required IReadOnlyList<TestCaseResult> Cases { get; init; }

    /// <summary>What Greenlight's pytest plugin wrote, for a pytest suite.</summary>
    public PytestEvents? Pytest { get; init; }

    /// <summary>Traffic the recording proxies saw during the suite (more is harmless: it is tied by header or time).</summary>
    public IReadOnlyList<TrafficRecord> Traffic { get; init; } = [];

    /// <summary>True when a recording proxy stood in front of the suite's services; false leaves every test at level <c>none</c>.</summary>
    public bool Recorded { get; init; } = true;

    public IReadOnlyList<ProbeResult> Probes { get; init; } = [];

    /// <summary>Median duration of each test's last passing runs, keyed by <see cref="TestCaseResult.FullName"/>.</summary>
    public IReadOnlyDictionary<string, TimeSpan> MedianDurations { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Items the runner collected, when known (pytest's plugin gives it too).</summary>
    public int? Collected { get; init; }

    /// <summary>Files or modules that failed to collect, one line each, from the runner.</summary>
    public IReadOnlyList<string> CollectionErrors { get; init; } = [];

    /// <summary>The suite's declared services (<c>services:</c>); empty means unknown.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    public ProofConfig Config { get; init; } = ProofConfig.Default;
}
