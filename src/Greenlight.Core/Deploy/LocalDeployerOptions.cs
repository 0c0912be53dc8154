namespace Greenlight.Deploy;

public sealed record LocalDeployerOptions
{
    /// <summary>Upper bound for a service's build command.</summary>
    public TimeSpan BuildTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Time between SIGTERM and SIGKILL when stopping a service tree.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often readiness is checked while a service starts.</summary>
    public TimeSpan ReadyPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Log lines quoted in a failure message.</summary>
    public int FailureLines { get; init; } = 8;
}
