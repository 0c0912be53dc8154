using AgentChat.Common.Hosting;
using AgentChat.Web;

// The page's files are copied next to the dll by the build: found wherever the host is started from.
var builder = ServiceHost.CreateBuilder(args, AppContext.BaseDirectory);
var (options, optionsError) = WebOptions.From(builder.Configuration);

var app = builder.Build();
if (optionsError is not null)
{
    return await ServiceHost.FailStartupAsync(app, optionsError, 2);
}

if (WebEndpoints.MissingAssets(app.Environment.WebRootFileProvider) is { Count: > 0 } missing)
{
    return await ServiceHost.FailStartupAsync(app, $"the page's files are missing from {app.Environment.WebRootPath ?? "wwwroot"}: {string.Join(", ", missing)}", 1);
}

app.Logger.LogInformation("starting {Service} {Version}: auth at {AuthUrl}, backend at {BackendUrl}",
    WebEndpoints.ServiceName, ServiceHost.Version, options!.AuthUrl, options.BackendUrl);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLog(TimeProvider.System, app.Logger);
app.Use(async (context, next) =>
{
    // Files are taken as the type they are served with, never sniffed; links send no Referer.
    context.Response.Headers.XContentTypeOptions = "nosniff";
    context.Response.Headers["Referrer-Policy"] = "no-referrer";
    await next(context);
});
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapWeb(options);

return await ServiceHost.RunAsync(app, WebEndpoints.ServiceName);
