namespace Greenlight.Config;

/// <summary>A validated <c>greenlight.yaml</c>. Paths are absolute; placeholders not yet expanded.</summary>
public sealed record GreenlightConfig
{
    public required string Project { get; init; }
    /// <summary>The config file this came from, for messages.</summary>
    public required string SourcePath { get; init; }
    /// <summary>Directory that relative paths and commands resolve against (the config file's folder).</summary>
    public required string RootDirectory { get; init; }
    public string Environment { get; init; } = "local";
    /// <summary>Services in declaration order.</summary>
    public required IReadOnlyList<ServiceConfig> Services { get; init; }
    public required IReadOnlyList<SuiteConfig> Suites { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Focus { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public LoopConfig Loop { get; init; } = new();
    /// <summary><c>gates:</c>: checks that must pass before each deploy (line endings on by default).</summary>
    public Gates.GatesConfig Gates { get; init; } = new();
    /// <summary><c>guard:</c>: how remediation changes are judged (test globs, tampering policy).</summary>
    public Guards.GuardOptions Guard { get; init; } = new();
    /// <summary>Values that must never be printed: read through <c>${env:NAME}</c> with a secret-looking name, or set under a secret-looking key.</summary>
    public IReadOnlyList<string> SecretValues { get; init; } = [];
    /// <summary><c>tracking:</c>, mapped and checked when the config loads; null when the block is absent or null.</summary>
    public TrackingConfig? Tracking { get; init; }
    /// <summary><c>history:</c> mapped: which store keeps the runs (default SQLite under the config folder).</summary>
    public HistoryConfig HistoryStore { get; init; } = new();
}

public sealed record LoopConfig
{
    public bool FailFast { get; init; } = true;
    public int Iterations { get; init; } = 1;
    /// <summary><c>loop.remediate</c>: a shell command given the evidence bundle's path after a RED or UNPROVEN iteration; null for none.</summary>
    public string? Remediate { get; init; }
    /// <summary><c>loop.remediate_timeout</c>: the remediation command is killed (with its tree) after this.</summary>
    public TimeSpan RemediateTimeout { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary><c>loop.stop_when_no_progress</c>: stop when the same failure fingerprints persist this many iterations in a row.</summary>
    public int StopWhenNoProgress { get; init; } = 2;
    /// <summary><c>loop.rollback</c>: restart a critical service's last good build when a deploy leaves it unhealthy.</summary>
    public bool Rollback { get; init; } = true;
    /// <summary><c>loop.test_after_rollback</c>: run the tests against the restored deployment instead of ending BLOCKED.</summary>
    public bool TestAfterRollback { get; init; }
    /// <summary><c>loop.retry_failed</c>: how many times each failed test is rerun in isolation (0: never).</summary>
    public int RetryFailed { get; init; }
}
