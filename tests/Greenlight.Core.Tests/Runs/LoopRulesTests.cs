using Greenlight.Config;
using Greenlight.Guards;
using Greenlight.Model;
using Greenlight.Runs;

namespace Greenlight.Core.Tests.Runs;

public sealed class LoopRulesTests
{
    private static ServiceConfig Service(string name, string folder, params string[] dependsOn) => new()
    {
        Name = name, DependsOn = dependsOn, Local = new LocalServiceConfig { Run = "run", WorkingDirectory = Path.Combine("/repo", folder) },
    };

    private static readonly ServiceConfig[] Services = [Service("backend", "sample/backend", "auth"), Service("auth", "sample/auth"), Service("web", "sample/web", "backend")];

    [Fact]
    public void RollbackOrder_SeveralDown_DependentsFirst()
    {
        var order = Greenlight.Runs.Deploying.DeployOrder.Rollback(Services, _ => true);

        Assert.Equal(["web", "backend", "auth"], order.Select(s => s.Name));
    }

    [Fact]
    public void ServicesToRedeploy_FileUnderAuth_AuthAndEveryDependent()
    {
        var config = new GreenlightConfig { Project = "p", SourcePath = "/repo/greenlight.yaml", RootDirectory = "/repo", Services = Services, Suites = [] };

        var redeploy = Greenlight.Runs.Remediating.Redeploy.ServicesFor(config, "/repo", [new ChangedFile("sample/auth/Tokens.cs", "sample/auth/Tokens.cs", ChangeKind.Modified, 1, 1, false)]);

        Assert.Equal(["auth", "backend", "web"], redeploy.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ServicesToRedeploy_FileUnderRemoteServiceFolder_RemoteAndDependent()
    {
        ServiceConfig Remote(string name, string folder, string? deploy) => new()
        {
            Name = name, Url = new Uri("https://api.example.test/"),
            Remote = new RemoteServiceConfig { Url = new Uri("https://api.example.test/"), Deploy = deploy, WorkingDirectory = Path.Combine("/repo", folder) },
        };
        var config = new GreenlightConfig
        {
            Project = "p", SourcePath = "/repo/greenlight.yaml", RootDirectory = "/repo", Suites = [],
            Services = [Remote("api", "services/api", "gcloud run deploy api --source ."), Remote("reports", "services/reports", null), Service("web", "web", "api")],
        };

        var redeploy = Greenlight.Runs.Remediating.Redeploy.ServicesFor(config, "/repo",
        [
            new ChangedFile("services/api/main.py", "services/api/main.py", ChangeKind.Modified, 1, 1, false),
            new ChangedFile("services/reports/main.py", "services/reports/main.py", ChangeKind.Modified, 1, 1, false),
        ]);

        // reports has no deploy command: Greenlight only reads it, so there is nothing to redeploy.
        Assert.Equal(["api", "web"], redeploy.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ServicesToRedeploy_OnlyATestChanged_Nothing()
    {
        var config = new GreenlightConfig { Project = "p", SourcePath = "/repo/greenlight.yaml", RootDirectory = "/repo", Services = Services, Suites = [] };

        var redeploy = Greenlight.Runs.Remediating.Redeploy.ServicesFor(config, "/repo", [new ChangedFile("tests/test_api.py", "tests/test_api.py", ChangeKind.Modified, 1, 0, true)]);

        Assert.Empty(redeploy);
    }

    [Fact]
    public void Fingerprints_SameFailureWithOtherNumbers_Equal()
    {
        RunRecord Run(string message) => new()
        {
            RunId = "r", Project = "p", ConfigPath = "greenlight.yaml", StartedAt = DateTimeOffset.UnixEpoch,
            Tests = [new TestRecord { Suite = "api", Name = "test_hello", Outcome = TestOutcome.Failed, Message = message }],
        };

        var first = IterationRecords.Fingerprints(Run("timed out after 30412 ms waiting for seq 7"));
        var second = IterationRecords.Fingerprints(Run("timed out after 30977 ms waiting for seq 9"));
        var other = IterationRecords.Fingerprints(Run("received 1011 (internal error)"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }
}
