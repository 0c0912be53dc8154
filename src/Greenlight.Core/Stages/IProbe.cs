using Greenlight.Config;

namespace Greenlight.Stages;

/// <summary>One kind of health check (HTTP, WebSocket). Never throws for an unhealthy service.</summary>
public interface IProbe
{
    ProbeKind Kind { get; }

    Task<ProbeResult> ProbeAsync(ProbeConfig probe, ProbeTarget target, CancellationToken cancellationToken);
}

/// <param name="ServiceUrls">All deployed services, for probes that fetch a token from another service.</param>
public sealed record ProbeTarget(string Service, Uri BaseUrl, IReadOnlyDictionary<string, Uri> ServiceUrls);

public sealed record ProbeResult
{
    public required string Service { get; init; }
    public required ProbeKind Kind { get; init; }
    public required string Url { get; init; }
    public required bool Healthy { get; init; }
    /// <summary>HTTP status (101 for an accepted WebSocket upgrade), null when no response came.</summary>
    public int? StatusCode { get; init; }
    public int? CloseCode { get; init; }
    public TimeSpan Latency { get; init; }
    /// <summary>What was wrong, or a short summary of what was seen, for the infrastructure table.</summary>
    public string Detail { get; init; } = "";
    public DateTimeOffset At { get; init; }
}
