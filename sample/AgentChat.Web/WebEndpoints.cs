using System.Text.Json.Serialization;
using AgentChat.Common.Hosting;
using Microsoft.Extensions.FileProviders;

namespace AgentChat.Web;

public sealed record WebConfig(
    [property: JsonPropertyName("authUrl")] string AuthUrl,
    [property: JsonPropertyName("backendUrl")] string BackendUrl);

public sealed record WebHealth(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("assets_status")] string AssetsStatus,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("uptime_seconds")] double UptimeSeconds);

/// <summary><c>/config.json</c> (where the page's services are) and <c>/health</c> (503 when the page's files are missing).</summary>
public static class WebEndpoints
{
    public const string ServiceName = "agentchat-web";

    /// <summary>The files the page cannot work without.</summary>
    public static readonly IReadOnlyList<string> Assets = ["index.html", "app.js", "app.css"];

    public static void MapWeb(this WebApplication app, WebOptions options)
    {
        var config = new WebConfig(WebOptions.Base(options.AuthUrl), WebOptions.Base(options.BackendUrl));
        app.MapGet("/config.json", (HttpContext context) =>
        {
            // The page reads it once per load; a redeploy with other URLs must not meet a cached copy.
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(config);
        });
        app.MapGet("/health", (IWebHostEnvironment host, Uptime uptime) =>
        {
            var missing = MissingAssets(host.WebRootFileProvider);
            var report = new WebHealth(
                missing.Count == 0 ? "healthy" : "unhealthy", ServiceName, ServiceHost.Version,
                missing.Count == 0 ? "present" : "missing: " + string.Join(", ", missing), options.Environment, uptime.Seconds);
            return Results.Json(report, statusCode: missing.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    public static List<string> MissingAssets(IFileProvider files) => [.. Assets.Where(a => !files.GetFileInfo(a).Exists)];
}
