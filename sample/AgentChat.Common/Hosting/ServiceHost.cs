using AgentChat.Common.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AgentChat.Common.Hosting;

/// <summary>
/// The start-up both services share: JSON logs, the clock, problem responses, request logging,
/// a clear fatal line and a non-zero exit when configuration is wrong, and a <c>listening</c>
/// line that names the bound address (tests and Greenlight read the port from it).
/// </summary>
public static class ServiceHost
{
    public const string Version = "1.0.0";

    /// <param name="contentRoot">Where the host's files are (wwwroot); null for the current directory.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = JsonLineFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<JsonLineFormatter, ConsoleFormatterOptions>();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new Uptime(TimeProvider.System));
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>Logs "startup failed: ..." at critical level and returns the exit code to use.</summary>
    public static async Task<int> FailStartupAsync(WebApplication app, string reason, int exitCode)
    {
        app.Logger.LogCritical("startup failed: {Reason}", reason);
        await app.DisposeAsync(); // flushes the console logger's queue before the process exits
        return exitCode;
    }

    /// <summary>Logs the exception that stopped the start (its message as the reason) and returns the exit code.</summary>
    public static async Task<int> FailStartupAsync(WebApplication app, Exception error, int exitCode)
    {
        app.Logger.LogCritical(error, "startup failed: {Reason}", error.Message);
        await app.DisposeAsync();
        return exitCode;
    }

    /// <summary>Starts the server, logs every bound address, and waits for shutdown.</summary>
    public static async Task<int> RunAsync(WebApplication app, string serviceName)
    {
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            app.Logger.LogInformation("listening on {Address} ({Service})", address, serviceName);
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }
}
