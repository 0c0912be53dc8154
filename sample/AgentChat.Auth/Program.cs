using AgentChat.Auth;
using AgentChat.Common.Faults;
using AgentChat.Common.Hosting;
using AgentChat.Common.Storage;
using AgentChat.Common.Tokens;

const string ServiceName = "agentchat-auth";

var builder = ServiceHost.CreateBuilder(args);
var faults = FaultSwitches.Parse(builder.Configuration[FaultSwitches.EnvironmentVariable]);
var (jwt, jwtError) = JwtSettings.From(builder.Configuration);
var options = AuthOptions.From(builder.Configuration);
IDbConnector db = Db.FromConfiguration(builder.Configuration, "auth");
if (faults.IsOn(FaultSwitch.SlowDb))
{
    db = new SlowDbConnector(db, TimeSpan.FromMilliseconds(builder.Configuration.GetValue("AGENTCHAT_SLOW_DB_MS", 3000)), TimeProvider.System);
}

builder.Services.AddSingleton(db);
builder.Services.AddSingleton<UserStore>();
builder.Services.AddSingleton(new PasswordHasher(Math.Max(1000, options.PasswordIterations)));
builder.Services.AddSingleton(sp => new TokenService(jwt!, sp.GetRequiredService<TimeProvider>()));

builder.Services.AddBrowserAccess();
var app = builder.Build();
if ((faults.Error ?? jwtError) is { } configurationError)
{
    return await ServiceHost.FailStartupAsync(app, configurationError, 2);
}

if (jwt!.UsingDevelopmentKey)
{
    app.Logger.LogWarning("AGENTCHAT_JWT_KEY is not set: using the built-in development key (not for production)");
}

app.Logger.LogInformation("starting {Service} {Version} with {Provider} storage, faults: {Faults}", ServiceName, ServiceHost.Version, db.Provider, faults);
await db.EnsureSchemaAsync(UserStore.Schema, CancellationToken.None);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLog(TimeProvider.System, app.Logger);
app.UseBrowserAccess();
app.MapGet("/health", async (IDbConnector store, Uptime uptime, TimeProvider time, CancellationToken ct) =>
{
    var connected = await DbHealth.IsConnectedAsync(store, app.Logger, time, ct);
    var report = new AuthHealth(connected ? "healthy" : "unhealthy", ServiceName, ServiceHost.Version, connected ? "connected" : "disconnected", options.Environment, uptime.Seconds);
    return Results.Json(report, statusCode: connected ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
});
app.MapAuth(options);

return await ServiceHost.RunAsync(app, ServiceName);
