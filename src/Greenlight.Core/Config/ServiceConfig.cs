namespace Greenlight.Config;

public sealed record ServiceConfig
{
    public required string Name { get; init; }
    public bool Critical { get; init; } = true;
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    /// <summary>How to build and start the service on this machine; null for a remote service.</summary>
    public LocalServiceConfig? Local { get; init; }
    /// <summary>Base URL of a service Greenlight does not start (e.g. a staging deployment).</summary>
    public Uri? Url { get; init; }
    public IReadOnlyList<ProbeConfig> Probes { get; init; } = [];
    /// <summary>How to deploy, roll back and read a service on a platform Greenlight does not run (Cloud Run, Kubernetes, Compose); null otherwise.</summary>
    public RemoteServiceConfig? Remote { get; init; }
    /// <summary>Extra log lines for analysis (a file or a command), read besides the captured stdout; null for none.</summary>
    public ServiceLogsConfig? Logs { get; init; }
}

public sealed record LocalServiceConfig
{
    /// <summary>Shell command run once before start, in <see cref="WorkingDirectory"/>.</summary>
    public string? Build { get; init; }
    /// <summary>Shell command that starts the service and keeps running. May use <c>{port}</c>.</summary>
    public required string Run { get; init; }
    public required string WorkingDirectory { get; init; }
    /// <summary>Environment for the process; values may use <c>{port}</c> and <c>${env:NAME}</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Fixed port, or null to let the OS pick a free one.</summary>
    public int? Port { get; init; }
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
