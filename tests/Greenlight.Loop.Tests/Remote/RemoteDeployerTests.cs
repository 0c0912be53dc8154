using Greenlight.Config;
using Greenlight.Deploy.Remote;
using Greenlight.Processes;
using Greenlight.Secrets;
using Greenlight.Stages;
using static Greenlight.Loop.Tests.TestSupport;

namespace Greenlight.Loop.Tests.Remote;

/// <summary>Every test drives <see cref="StandInPlatform"/>, a local script standing in for a platform CLI.</summary>
public sealed class RemoteDeployerTests
{
    private readonly StandInPlatform _platform = new();
    private readonly RemoteDeployer _deployer = new(new ChildProcess(new SecretRedactor(), TimeProvider.System), TimeProvider.System);

    private DeployContext Context => new(Path.Combine(_platform.Directory, "run"), _platform.Directory, new Dictionary<string, Uri>());

    private ServiceConfig Service(string? fail = null, Dictionary<string, string>? env = null) => new()
    {
        Name = "backend",
        Remote = new RemoteServiceConfig
        {
            Url = new Uri("https://backend.staging.example.invalid"),
            Deploy = $"{_platform.Cli} deploy {{service}} image:{{revision}}",
            Rollback = $"{_platform.Cli} rollback {{service}} {{revision}} {{previous_revision}}",
            Revision = $"{_platform.Cli} revision {{service}}",
            Logs = $"{_platform.Cli} logs {{service}} {{since}} {{until}}",
            WorkingDirectory = _platform.Directory,
            Environment = new Dictionary<string, string>(env ?? []) { ["PLATFORM_STATE"] = _platform.State, ["PLATFORM_FAIL"] = fail ?? "" },
            Timeout = TimeSpan.FromSeconds(20),
        },
    };

    [Fact]
    public async Task DeployAsync_StandInPlatformCli_RevisionReadBeforeAndAfter()
    {
        var ct = Timeout();
        await _deployer.DeployAsync(Service(), Context, ct);

        var result = await _deployer.DeployAsync(Service(), Context, ct);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("backend-00002", result.Revision);
        Assert.Equal("backend-00001", _deployer.PreviousRevision("backend"));
        Assert.Equal(new Uri("https://backend.staging.example.invalid"), result.Url);
        Assert.Contains("Deploying container to service [backend]", await File.ReadAllTextAsync(result.LogPath!, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_StandInPlatformAfterBadDeploy_ReturnsToPreviousRevision()
    {
        var ct = Timeout();
        await _deployer.DeployAsync(Service(), Context, ct);
        await _deployer.DeployAsync(Service(), Context, ct);

        var rollback = await _deployer.RollbackAsync(Service(), toRevision: null, Context, ct);

        Assert.True(rollback.Succeeded, rollback.Failure);
        Assert.Equal("rolled back backend from backend-00002 to backend-00001", rollback.Describe());
        Assert.Equal("backend-00001", _platform.Serving("backend"));
        Assert.Equal("backend-00002 -> backend-00001\n", _platform.ReadState("backend.rollbacks"));
    }

    [Fact]
    public async Task DeployAsync_StandInDeployCommandFails_FailureValueWithPlatformMessage()
    {
        var ct = Timeout();
        await _deployer.DeployAsync(Service(), Context, ct);

        var result = await _deployer.DeployAsync(Service(fail: "deploy"), Context, ct);

        Assert.False(result.Succeeded);
        Assert.Equal("backend-00001", result.Revision);
        Assert.StartsWith("deploy command exited with 1: ", result.Failure, StringComparison.Ordinal);
        Assert.Contains("container failed to start", result.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_StandInRollbackCommandFails_FailureValue()
    {
        var ct = Timeout();
        await _deployer.DeployAsync(Service(), Context, ct);
        await _deployer.DeployAsync(Service(), Context, ct);

        var rollback = await _deployer.RollbackAsync(Service(fail: "rollback"), toRevision: null, Context, ct);

        Assert.False(rollback.Succeeded);
        Assert.Equal("backend-00002", _platform.Serving("backend"));
        Assert.Equal("rollback of backend to backend-00001 failed: rollback command exited with 2: ERROR: revision 'backend-00001' not found", rollback.Describe());
    }

    [Fact]
    public async Task RollbackAsync_NoEarlierRevisionKnown_FailureValue()
    {
        var ct = Timeout();

        var rollback = await _deployer.RollbackAsync(Service(), toRevision: null, Context, ct);

        Assert.False(rollback.Succeeded);
        Assert.Equal("no earlier revision is known to roll back to", rollback.Failure);
    }

    [Fact]
    public async Task RollbackAsync_RevisionWithShellSyntax_PassedAsDataNeverRun()
    {
        var ct = Timeout();
        var marker = Path.Combine(_platform.Directory, "pwned");

        var rollback = await _deployer.RollbackAsync(Service(), $"x$(touch {marker})", Context, ct);

        Assert.False(rollback.Succeeded);
        Assert.False(File.Exists(marker));
        Assert.Contains($"revision 'x$(touch {marker})' not found", rollback.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchLogsAsync_StandInLogsCommand_WindowPassedAndStdoutKept()
    {
        var ct = Timeout();
        var since = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

        var (path, failure) = await _deployer.FetchLogsAsync(Service(), since, since.AddMinutes(5), Context, ct);

        Assert.Null(failure);
        Assert.Equal(
            ["2026-11-23T10:00:00Z backend ERROR IndentationError: unexpected indent (data_helper_agent.py, line 74)", "2026-11-23T10:05:00Z backend INFO window ends"],
            await File.ReadAllLinesAsync(path!, ct));
    }

    [Fact]
    public async Task DeployAsync_SecretInEnvironmentEchoed_RedactedInLog()
    {
        var ct = Timeout();
        var service = Service(env: new() { ["DEPLOY_TOKEN"] = "s3cr3t-deploy-token" });
        service = service with { Remote = service.Remote! with { Deploy = "echo using $DEPLOY_TOKEN >&2; " + service.Remote.Deploy } };

        var result = await _deployer.DeployAsync(service, Context, ct);

        Assert.True(result.Succeeded, result.Failure);
        var log = await File.ReadAllTextAsync(result.LogPath!, ct);
        Assert.Contains("using ***", log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-deploy-token", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{service}:{revision}", "backend:backend-00001")]
    [InlineData("--to={revision}", "--to='a b'")]
    [InlineData("{previous_revision}", "''")]
    [InlineData("{unknown}", "{unknown}")]
    public void Expand_Placeholders_SafeValuesBareOthersQuoted(string command, string expected)
    {
        var revision = command.Contains("--to", StringComparison.Ordinal) ? "a b" : "backend-00001";
        var values = new Dictionary<string, string?> { ["service"] = "backend", ["revision"] = revision, ["previous_revision"] = null };

        Assert.Equal(expected, RemotePlaceholders.Expand(command, values));
    }
}
