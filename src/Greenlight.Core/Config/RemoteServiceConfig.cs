namespace Greenlight.Config;

/// <summary>
/// <c>services.&lt;name&gt;.remote</c>: the user's own platform commands, each run by <c>/bin/sh -c</c>
/// in <see cref="WorkingDirectory"/>. Commands may use <c>{service}</c>, <c>{revision}</c>,
/// <c>{previous_revision}</c>, <c>{since}</c>, <c>{until}</c> and <c>${env:NAME}</c>.
/// </summary>
public sealed record RemoteServiceConfig
{
    /// <summary>Base URL of the deployed service, probed and handed to the tests.</summary>
    public required Uri Url { get; init; }
    /// <summary>Deploys the service; exit 0 means the platform accepted it. Null: Greenlight only reads the service.</summary>
    public string? Deploy { get; init; }
    /// <summary>Returns the service to <c>{revision}</c> (the target); <c>{previous_revision}</c> is the one being left.</summary>
    public string? Rollback { get; init; }
    /// <summary>Prints the revision now serving traffic on stdout (trimmed; the last non-empty line counts).</summary>
    public string? Revision { get; init; }
    /// <summary>Prints the service's log lines between <c>{since}</c> and <c>{until}</c> (ISO 8601 UTC) on stdout.</summary>
    public string? Logs { get; init; }
    public required string WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>Upper bound for each command (deploys on real platforms take minutes).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
}
