namespace Greenlight.Config;

/// <summary>
/// <c>services.&lt;name&gt;.logs</c>: where a service's own log lines are, besides its captured stdout:
/// a file it writes, or a command that prints its lines for <c>{since}</c>..<c>{until}</c>.
/// Exactly one of <see cref="File"/> and <see cref="Command"/> is set.
/// </summary>
public sealed record ServiceLogsConfig
{
    /// <summary>Absolute path of a log file the service writes.</summary>
    public string? File { get; init; }
    /// <summary>Shell command printing the service's lines for a window (<c>{since}</c>, <c>{until}</c>, <c>{service}</c>).</summary>
    public string? Command { get; init; }
    public required string WorkingDirectory { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
}
