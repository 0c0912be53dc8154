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
}

public sealed record LoopConfig
{
    public bool FailFast { get; init; } = true;
    public int Iterations { get; init; } = 1;
}
