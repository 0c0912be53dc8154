using Greenlight.Config;
using Greenlight.Config.Loading;

namespace Greenlight.Core.Tests.Config;

/// <summary>The greenlight.yaml at the repository root (the bundled sample) must load and say what the sample needs.</summary>
public sealed class RepositoryConfigTests
{
    private static string RepositoryFile([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "greenlight.yaml"));

    private static ConfigLoadResult LoadCopy(Func<string, string?> env)
    {
        // A copy beside an empty sample folder: this test checks the file, not whether the sample is built.
        var dir = Directory.CreateTempSubdirectory("greenlight-repo-config-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "sample", "AgentChat.E2E"));
            Directory.CreateDirectory(Path.Combine(dir, "sample", "AgentChat.Web.E2E"));
            var path = Path.Combine(dir, "greenlight.yaml");
            File.Copy(RepositoryFile(), path);
            return ConfigLoader.Parse(File.ReadAllText(path), path, "greenlight.yaml", env);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_RepositoryConfig_DescribesTheSample()
    {
        var result = LoadCopy(_ => null);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal(["auth", "backend", "web"], config.Services.Select(s => s.Name));
        Assert.Equal([true, true, false], config.Services.Select(s => s.Critical));
        Assert.Equal(["auth"], config.Services[1].DependsOn);
        Assert.Equal("{url:auth}", config.Services[1].Local!.Environment["AGENTCHAT_AUTH_URL"]);
        Assert.Contains("--urls http://127.0.0.1:{port}", config.Services[0].Local!.Run, StringComparison.Ordinal);
        Assert.Equal("connected", config.Services[0].Probes[0].ExpectJson["database_status"]);
        var ws = config.Services[1].Probes.Single(p => p.Kind == ProbeKind.WebSocket);
        Assert.Equal("connection_ready", ws.ExpectFirstMessageType);
        Assert.Equal("auth", ws.Token!.Service);
        Assert.Equal(["agentchat.v1"], ws.Subprotocols); // the sample says its protocol; Greenlight has no default
        // The web front end: not critical, its own health probe, the services' URLs for the page.
        var web = config.Services[2];
        Assert.Equal(["auth", "backend"], web.DependsOn);
        Assert.Equal("{url:backend}", web.Local!.Environment["AGENTCHAT_BACKEND_URL"]);
        Assert.Equal("present", Assert.Single(web.Probes).ExpectJson["assets_status"]);
        Assert.Equal(["p1-critical", "p2-high", "p3-medium-high", "p2-web"], config.Suites.Select(s => s.Id));
        Assert.Equal(["Priority=P1", "Priority=P2", "Priority=P3", "Priority=P2"], config.Suites.Select(s => s.Filter));
        Assert.Equal([0, 0.05, 0.05, 0.05], config.Suites.Select(s => s.MaxFailureRate));
        // The browser suite is not run when the web app (or what it talks to) is down.
        Assert.Equal(["web", "auth", "backend"], config.Suites[3].Services);
        Assert.Equal(["p1-critical"], config.Focus["golden-path"]);
    }

    [Fact]
    public void Load_RepositoryConfig_DevelopmentSecretsMarkedSecret()
    {
        var result = LoadCopy(_ => null);

        var secrets = result.Config!.SecretValues;
        foreach (var name in new[] { "AGENTCHAT_JWT_KEY", "AGENTCHAT_E2E_BYPASS_KEY", "AGENTCHAT_SERVICE_SECRET" })
        {
            Assert.Contains(result.Config.Services[0].Local!.Environment[name], secrets);
        }
    }

    [Fact]
    public void Load_RepositoryConfig_EnvironmentOverridesDefaults()
    {
        var result = LoadCopy(name => name == "AGENTCHAT_JWT_KEY" ? "a-key-from-the-environment-0123456789" : null);

        Assert.Equal("a-key-from-the-environment-0123456789", result.Config!.Services[1].Local!.Environment["AGENTCHAT_JWT_KEY"]);
    }
}
