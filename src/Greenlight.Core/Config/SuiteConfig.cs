namespace Greenlight.Config;

public sealed record SuiteConfig
{
    public required string Id { get; init; }
    /// <summary>1 (P1, most critical) to 6.</summary>
    public required int Priority { get; init; }
    public string? Category { get; init; }
    public string? Impact { get; init; }
    /// <summary>"dotnet", "pytest", "command" or "newman" (<see cref="RunnerNames"/>).</summary>
    public required string Runner { get; init; }
    /// <summary>Absolute path of the project, folder or file the runner runs.</summary>
    public required string Path { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    /// <summary>Runner-specific filter: a trait expression for dotnet, a -k expression for pytest.</summary>
    public string? Filter { get; init; }
    /// <summary>
    /// Set by a retry, never by the config: run only the test with this full name (dotnet runner),
    /// each test framework selecting it its own way.
    /// </summary>
    public string? OnlyTest { get; init; }
    /// <summary>
    /// Set by a shard (<c>greenlight run --attach … --shard I/N</c>), never by the config: run only these
    /// tests, as the runner's own listing names them (pytest node ids). Null runs the whole suite.
    /// </summary>
    public IReadOnlyList<string>? OnlyTests { get; init; }
    /// <summary>For the command runner: the shell command line (run by /bin/sh -c in <see cref="Path"/> when it is a folder).</summary>
    public string? Command { get; init; }
    /// <summary>For the command runner: the JUnit XML file (or glob) it writes.</summary>
    public string? Results { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Highest share of failed tests (0..1) for the suite's phase to pass.</summary>
    public double MaxFailureRate { get; init; }
    /// <summary>Services the suite talks to; empty means all.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];
    /// <summary>Extra environment for the test process; values may use <c>${env:NAME}</c> and <c>{url:SERVICE}</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary><c>proof:</c>, mapped and checked when the config loads; the defaults when the suite has none.</summary>
    public ProofConfig Proof { get; init; } = ProofConfig.Default;

    public string PriorityLabel => $"P{Priority}";
}
