namespace AgentChat.Backend.Sockets;

/// <summary>
/// The <c>drop-upgrade</c> fault replays incident 2: a proxy that answers plain HTTP but does
/// not route WebSocket upgrades. Every upgrade gets 503; health and REST keep working.
/// </summary>
public static class DroppedUpgrades
{
    public static IApplicationBuilder UseDroppedUpgrades(this IApplicationBuilder app, ILogger logger) =>
        app.Use(async (context, next) =>
        {
            var isUpgrade = context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
            if (!isUpgrade)
            {
                await next(context);
                return;
            }

            logger.LogWarning("WebSocket upgrade to {Path} rejected with 503: upgrades are not routed (drop-upgrade)", context.Request.Path.Value);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("WebSocket upgrades are not available");
        });
}
