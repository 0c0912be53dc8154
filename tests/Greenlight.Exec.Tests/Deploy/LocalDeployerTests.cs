using System.Net;
using System.Net.Sockets;
using Greenlight.Config;
using Greenlight.Deploy;
using Greenlight.Processes;
using Greenlight.Secrets;
using Greenlight.Stages;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Deploy;

public sealed class LocalDeployerTests : IAsyncDisposable
{
    private const string HttpServer = "/usr/bin/python3 -m http.server {port} --bind 127.0.0.1";
    private readonly string _root = TempDirectory();
    private readonly ChildProcess _processes = new(new SecretRedactor(), TimeProvider.System);
    private readonly LocalDeployer _deployer;

    public LocalDeployerTests() =>
        _deployer = new LocalDeployer(_processes, TimeProvider.System, new LocalDeployerOptions { KillGrace = TimeSpan.FromSeconds(1) });

    private DeployContext Context(Dictionary<string, Uri>? urls = null) =>
        new(Path.Combine(_root, ".greenlight", "runs", "r1"), _root, urls ?? []);

    private ServiceConfig Service(string run, string? build = null, int? port = null, TimeSpan? ready = null, IReadOnlyList<string>? dependsOn = null) => new()
    {
        Name = "web",
        DependsOn = dependsOn ?? [],
        Local = new LocalServiceConfig
        {
            Run = run,
            Build = build,
            Port = port,
            WorkingDirectory = _root,
            ReadyTimeout = ready ?? TimeSpan.FromSeconds(20),
            Environment = new Dictionary<string, string> { ["MY_PORT"] = "{port}", ["MY_AUTH_URL"] = "${env:GREENLIGHT_AUTH_URL}/v1" },
        },
    };

    [Fact]
    public async Task DeployAsync_RealHttpServer_ReadyServingAndStoppedAfterwards()
    {
        var result = await _deployer.DeployAsync(Service(HttpServer), Context(), Timeout());

        Assert.True(result.Succeeded, result.Failure);
        using var http = new HttpClient();
        var response = await http.GetAsync(result.Url, Timeout());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^build [0-9a-f]{8}$", result.Revision);
        Assert.True(File.Exists(Path.Combine(_root, ".greenlight", "pids", "r1", "web.pid")));
        Assert.Equal(Path.Combine(_root, ".greenlight", "runs", "r1", "logs", "web.log"), result.LogPath);

        await _deployer.StopAllAsync(Timeout());

        Assert.True(IsGone(result.ProcessId!.Value));
        Assert.False(Directory.Exists(Path.Combine(_root, ".greenlight", "pids", "r1")));
    }

    [Fact]
    public async Task DeployAsync_DependencyDeployed_UrlVariablePortAndEnvReferenceExpanded()
    {
        var auth = new Dictionary<string, Uri> { ["auth"] = new("http://127.0.0.1:5555/") };
        var run = "echo \"$GREENLIGHT_AUTH_URL $MY_PORT $MY_AUTH_URL\" > env.txt; exec " + HttpServer;

        var result = await _deployer.DeployAsync(Service(run, dependsOn: ["auth"]), Context(auth), Timeout());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal($"http://127.0.0.1:5555 {result.Url!.Port} http://127.0.0.1:5555/v1", (await File.ReadAllTextAsync(Path.Combine(_root, "env.txt"), Timeout())).Trim());
    }

    [Fact]
    public async Task DeployAsync_ServiceCrashesAtStart_FailureQuotesItsLastLogLine()
    {
        var result = await _deployer.DeployAsync(Service("echo 'FATAL: startup-crash switch is on' >&2; exit 3"), Context(), Timeout());

        Assert.False(result.Succeeded);
        Assert.Equal("exited with 3 during start: FATAL: startup-crash switch is on", result.Failure);
        Assert.Contains("FATAL: startup-crash", await File.ReadAllTextAsync(result.LogPath!, Timeout()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAsync_RunProgramMissing_Exit127NotFound()
    {
        var result = await _deployer.DeployAsync(Service("no-such-server-xyz --port {port}"), Context(), Timeout());

        Assert.False(result.Succeeded);
        Assert.StartsWith("exited with 127 during start: ", result.Failure, StringComparison.Ordinal);
        Assert.Contains("no-such-server-xyz: not found", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeployAsync_FixedPortInUse_ClearFailure()
    {
        using var occupant = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        occupant.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        occupant.Listen();
        var port = ((IPEndPoint)occupant.LocalEndPoint!).Port;

        var result = await _deployer.DeployAsync(Service(HttpServer, port: port), Context(), Timeout());

        Assert.False(result.Succeeded);
        Assert.Equal($"port {port} is already in use (the fixed port of service 'web')", result.Failure);
    }

    [Fact]
    public async Task DeployAsync_BuildFails_FailureWithBuildOutputAndServiceNotStarted()
    {
        var result = await _deployer.DeployAsync(Service("touch started; " + HttpServer, build: "echo 'error CS1002: ; expected'; exit 4"), Context(), Timeout());

        Assert.False(result.Succeeded);
        Assert.Equal("build exited with 4: error CS1002: ; expected", result.Failure);
        Assert.EndsWith("web.build.log", result.LogPath, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "started")));
    }

    [Fact]
    public async Task DeployAsync_NeverListens_NotReadyFailureAndProcessKilled()
    {
        var result = await _deployer.DeployAsync(Service("echo $$ > pid.txt; exec sleep 300", ready: TimeSpan.FromSeconds(1)), Context(), Timeout());

        Assert.False(result.Succeeded);
        Assert.StartsWith("not accepting connections on 127.0.0.1:", result.Failure, StringComparison.Ordinal);
        Assert.True(IsGone(await ReadPidFileAsync(Path.Combine(_root, "pid.txt"), Timeout())));
    }

    [Fact]
    public async Task DeployAsync_ServiceLeftByKilledRun_OldTreeReapedAndNoted()
    {
        // Run r0's Greenlight process (a real process, killed with SIGKILL) left its web server running.
        await using var owner = _processes.Start(new ProcessSpec { FileName = "sleep", Arguments = ["300"] }).Process!;
        var killedOwner = ProcessOwner.Of(owner.Id)!.Value;
        var tag = Guid.NewGuid().ToString("N");
        await using var old = _processes.Start(ProcessSpec.Shell("exec sleep 300") with { Environment = new Dictionary<string, string> { [PidRegistry.TagVariable] = tag } }).Process!;
        new PidRegistry(Path.Combine(_root, ".greenlight", "pids"), "r0", TimeProvider.System, killedOwner).Record("web", old.Id, tag, "sleep 300");
        await WaitForGroupAsync(old.Id, 1, Timeout());
        ProcessGroup.Signal(owner.Id, ProcessGroup.SigKill);
        await owner.WaitAsync(Timeout());

        var result = await _deployer.DeployAsync(Service(HttpServer), Context(), Timeout());

        Assert.True(result.Succeeded, result.Failure);
        Assert.True(IsGone(old.Id));
        Assert.StartsWith($"reaped 1 process (web) left by run r0 (started at ", Assert.Single(_deployer.Notes), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, ".greenlight", "pids", "r0")));
    }

    [Fact]
    public async Task DeployAsync_AnotherLiveRunsService_LeftRunning()
    {
        var other = new LocalDeployer(_processes, TimeProvider.System);
        var live = await other.DeployAsync(Service(HttpServer), new DeployContext(Path.Combine(_root, ".greenlight", "runs", "r0"), _root, new Dictionary<string, Uri>()), Timeout());
        Assert.True(live.Succeeded, live.Failure);

        var result = await _deployer.DeployAsync(Service(HttpServer), Context(), Timeout());

        Assert.True(result.Succeeded, result.Failure);
        Assert.False(IsGone(live.ProcessId!.Value));
        Assert.Empty(_deployer.Notes);
        await other.StopAllAsync(Timeout());
        Assert.True(IsGone(live.ProcessId!.Value));
    }

    [Fact]
    public async Task DeployAsync_PidFileNamesForeignProcess_ProcessSparedFileRemoved()
    {
        var foreign = _processes.Start(new ProcessSpec { FileName = "sleep", Arguments = ["300"] }).Process!;
        await using var _ = foreign;
        var pids = Path.Combine(_root, ".greenlight", "pids");
        Directory.CreateDirectory(pids);
        await File.WriteAllTextAsync(Path.Combine(pids, "other.pid"), $"pid={foreign.Id}\ntag=not-its-tag\ncommand=sleep 300\n", Timeout());

        var result = await _deployer.DeployAsync(Service(HttpServer), Context(), Timeout());

        Assert.True(result.Succeeded, result.Failure);
        Assert.False(foreign.HasExited);
        Assert.False(File.Exists(Path.Combine(pids, "other.pid")));
        Assert.Empty(_deployer.Notes);
    }

    public async ValueTask DisposeAsync() => await _deployer.StopAllAsync(Timeout());
}
