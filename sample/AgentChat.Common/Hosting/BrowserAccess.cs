using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentChat.Common.Hosting;

/// <summary>
/// Lets the web app (AgentChat.Web, served from its own origin) call the services from a browser:
/// CORS for any origin, without credentials. Any origin is safe here because nothing is ambient:
/// the APIs take a bearer token a page must hold itself, never a cookie, so another site's page
/// gains nothing it does not already have. Preflights are answered by the CORS middleware before
/// any route (and its token check) runs.
/// </summary>
public static class BrowserAccess
{
    private const string Policy = "agentchat-browser";

    public static void AddBrowserAccess(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(Policy, p => p
            .AllowAnyOrigin()
            .AllowAnyMethod()
            .AllowAnyHeader()
            .WithExposedHeaders("X-Request-Id", "Location")));

    public static void UseBrowserAccess(this IApplicationBuilder app) => app.UseCors(Policy);
}
