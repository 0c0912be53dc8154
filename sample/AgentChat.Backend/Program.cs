using AgentChat.Backend;
using AgentChat.Backend.Agents;
using AgentChat.Backend.Api;
using AgentChat.Backend.Runs;
using AgentChat.Backend.Sockets;
using AgentChat.Backend.Storage;
using AgentChat.Common.Faults;
using AgentChat.Common.Hosting;
using AgentChat.Common.Storage;
using AgentChat.Common.Tokens;

var builder = ServiceHost.CreateBuilder(args);
var faults = FaultSwitches.Parse(builder.Configuration[FaultSwitches.EnvironmentVariable]);
var (jwt, jwtError) = JwtSettings.From(builder.Configuration);
var (options, optionsError) = BackendOptions.From(builder.Configuration, faults);
IDbConnector db = Db.FromConfiguration(builder.Configuration, "backend");
if (faults.IsOn(FaultSwitch.SlowDb))
{
    db = new SlowDbConnector(db, TimeSpan.FromMilliseconds(builder.Configuration.GetValue("AGENTCHAT_SLOW_DB_MS", 3000)), TimeProvider.System);
}

builder.Services.AddSingleton(db);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(sp => new TokenService(jwt!, sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(Catalog.LoadBundled());
// startup-crash, deprecated alias of `sample/replay.sh crlf`: the definitions come from a CRLF copy.
var agentsFile = faults.IsOn(FaultSwitch.StartupCrash) ? CrlfCopy.Write(options.AgentsFile) : options.AgentsFile;
builder.Services.AddSingleton(sp => AgentCatalog.Load(sp.GetRequiredService<Catalog>(), agentsFile));
builder.Services.AddSingleton<ChatStore>();
builder.Services.AddSingleton<ConnectionRegistry>();
builder.Services.AddSingleton<IRunEventSink>(sp => sp.GetRequiredService<ConnectionRegistry>());
builder.Services.AddSingleton<AgentRunner>();
builder.Services.AddSingleton<RunPipeline>();
builder.Services.AddSingleton<RunCoordinator>();
builder.Services.AddSingleton<ClientMessageHandler>();
// ws-recursion wires in the platform sleep wrapper of incident 1 (see SafeSleep).
builder.Services.AddSingleton(sp => new SafeSleep(sp.GetRequiredService<TimeProvider>(), platformWrapper: faults.IsOn(FaultSwitch.WsRecursion)));
builder.Services.AddSingleton<SocketEndpoint>();
builder.Services.AddSingleton<AuthProbe>();

builder.Services.AddBrowserAccess();
var app = builder.Build();
if ((faults.Error ?? jwtError ?? optionsError) is { } configurationError)
{
    return await ServiceHost.FailStartupAsync(app, configurationError, 2);
}

if (agentsFile != options.AgentsFile)
{
    app.Logger.LogWarning("startup-crash is deprecated (use sample/replay.sh crlf): agent definitions read from {File}, {Original} with CRLF line endings", agentsFile, options.AgentsFile);
}

try
{
    // Read and bound now, not at the first request: a bad file must stop the start.
    _ = app.Services.GetRequiredService<AgentCatalog>();
}
catch (AgentDefinitionException error)
{
    return await ServiceHost.FailStartupAsync(app, error, 1);
}
finally
{
    if (agentsFile != options.AgentsFile)
    {
        CrlfCopy.Delete(agentsFile);
    }
}

if (jwt!.UsingDevelopmentKey)
{
    app.Logger.LogWarning("AGENTCHAT_JWT_KEY is not set: using the built-in development key (not for production)");
}

// unwired-pipeline replays incident 4 by leaving START_AGENT without its handler.
if (!faults.IsOn(FaultSwitch.UnwiredPipeline))
{
    app.Services.GetRequiredService<RunPipeline>().Wire(RunPipeline.StartAgent, app.Services.GetRequiredService<RunCoordinator>().RunToEndAsync);
}

app.Logger.LogInformation(
    "starting {Service} {Version} with {Provider} storage, think time {ThinkMs} ms, connection cap {MaxConnections}, faults: {Faults}",
    HealthEndpoint.ServiceName, ServiceHost.Version, db.Provider, options.ThinkTime.TotalMilliseconds, options.MaxConnections, faults);
await db.EnsureSchemaAsync(ChatStore.Schema, CancellationToken.None);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLog(TimeProvider.System, app.Logger);
app.UseBrowserAccess();
if (faults.IsOn(FaultSwitch.DropUpgrade))
{
    app.UseDroppedUpgrades(app.Logger);
}

app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.MapHealth();
app.MapApi();
app.Map("/ws", (HttpContext context, SocketEndpoint socket) => socket.HandleAsync(context));

return await ServiceHost.RunAsync(app, HealthEndpoint.ServiceName);
