using System.Text.Json.Serialization;
using AgentChat.Backend.Runs;
using AgentChat.Backend.Sockets;
using AgentChat.Common.Hosting;
using AgentChat.Common.Storage;

namespace AgentChat.Backend.Api;

public sealed record BackendHealth(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("database_status")] string DatabaseStatus,
    [property: JsonPropertyName("auth_status")] string AuthStatus,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds,
    [property: JsonPropertyName("websocket_connections")] int WebSocketConnections,
    [property: JsonPropertyName("active_runs")] int ActiveRuns);

/// <summary><c>/health</c>: 503 when the database is down; the auth service's state is reported, not required.</summary>
public static class HealthEndpoint
{
    public const string ServiceName = "agentchat-backend";

    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (IDbConnector db, AuthProbe auth, Uptime uptime, BackendOptions options, ConnectionRegistry sockets, RunCoordinator runs, ILoggerFactory logs, TimeProvider time, CancellationToken ct) =>
        {
            var database = DbHealth.IsConnectedAsync(db, logs.CreateLogger("AgentChat.Backend.Health"), time, ct);
            var authStatus = auth.CheckAsync(ct);
            var connected = await database;
            var report = new BackendHealth(
                connected ? "healthy" : "unhealthy", ServiceName, ServiceHost.Version, connected ? "connected" : "disconnected",
                await authStatus, options.Environment, uptime.Seconds, sockets.Count, runs.ActiveRuns);
            return Results.Json(report, statusCode: connected ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}
