using Greenlight.Config;

namespace Greenlight.Core.Tests.Config;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void Parse_ValidFile_MapsEveryKey()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(ConfigFixture.Valid);

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
        var config = result.Config!;
        Assert.Equal("demo", config.Project);
        Assert.Equal(["auth", "backend"], config.Services.Select(s => s.Name));
        var backend = config.Services[1];
        Assert.Equal(["auth"], backend.DependsOn);
        Assert.Equal(TimeSpan.FromSeconds(30), backend.Local!.ReadyTimeout);
        Assert.Equal("{url:auth}", backend.Local.Environment["AUTH_URL"]);
        var ws = backend.Probes[1];
        Assert.Equal(ProbeKind.WebSocket, ws.Kind);
        Assert.Equal(101, ws.ExpectStatus);
        Assert.Equal("connection_ready", ws.ExpectFirstMessageType);
        Assert.Equal("""{"userId":"e2e-user-001"}""", ws.Token!.Body);
        Assert.Equal("bypass-dev", ws.Token.Headers["X-E2E-Bypass-Key"]);
        Assert.Equal("healthy", config.Services[0].Probes[0].ExpectJson["status"]);
        Assert.Equal([1, 2, 3], config.Suites.Select(s => s.Priority));
        Assert.Equal(0.05, config.Suites[1].MaxFailureRate);
        Assert.Equal(Path.Combine(fixture.Root, "e2e"), config.Suites[0].Path);
        Assert.Equal(Path.Combine(fixture.Root, "out", "junit.xml"), config.Suites[2].Results);
        Assert.Equal(["p1-critical", "golden"], config.Focus["golden-path"]);
        Assert.False(config.Loop.FailFast);
    }

    [Fact]
    public void Parse_EnvPlaceholderSet_ExpandsAndMarksSecret()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse(ConfigFixture.Valid, new Dictionary<string, string> { ["DEMO_JWT_KEY"] = "from-the-environment-key" });

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
        Assert.Equal("from-the-environment-key", result.Config!.Services[0].Local!.Environment["JWT_KEY"]);
        Assert.Contains("from-the-environment-key", result.Config.SecretValues);
        Assert.Contains("bypass-dev", result.Config.SecretValues);
    }

    [Fact]
    public void Parse_EnvPlaceholderMissingWithoutDefault_ErrorNamesFieldAndVariable()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace("${env:DEMO_JWT_KEY:-dev-key-0123456789}", "${env:DEMO_JWT_KEY}", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal("greenlight.yaml:8:18: services.auth.local.env.JWT_KEY: environment variable 'DEMO_JWT_KEY' is not set (write ${env:DEMO_JWT_KEY:-default} to give a default)", error.ToString());
    }

    [Fact]
    public void Parse_ServiceUrlVariable_LeftForTheDeployer()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace("AUTH_URL: \"{url:auth}\"", "AUTH_URL: \"${env:GREENLIGHT_AUTH_URL}\"", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
        Assert.Equal("${env:GREENLIGHT_AUTH_URL}", result.Config!.Services[1].Local!.Environment["AUTH_URL"]);
    }

    [Fact]
    public void Parse_MalformedPlaceholder_Error()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace("${env:DEMO_JWT_KEY:-dev-key-0123456789}", "${DEMO_JWT_KEY}", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        Assert.Contains("services.auth.local.env.JWT_KEY: '${DEMO_JWT_KEY}' is not a placeholder", ConfigFixture.Errors(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsAllInLineOrder()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid
            .Replace("depends_on: [auth]", "dependson: [auth]", StringComparison.Ordinal)
            .Replace("ready_timeout: 30s", "port: 70000", StringComparison.Ordinal)
            .Replace("runner: pytest", "runner: pytets", StringComparison.Ordinal)
            .Replace("priority: 3", "priority: P9", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        Assert.Null(result.Config);
        Assert.Equal(
            [
                "greenlight.yaml:13:5: services.backend.dependson: unknown key 'dependson'; did you mean 'depends_on'?",
                "greenlight.yaml:17:19: services.backend.local.env.AUTH_URL: {url:auth} needs 'auth' in this service's depends_on, so it runs first",
                "greenlight.yaml:18:13: services.backend.local.port: must be a number between 1 and 65535",
                "greenlight.yaml:39:13: suites.p2-high.runner: unknown runner 'pytets'; did you mean 'pytest'? (runners: dotnet, pytest, command, newman)",
                "greenlight.yaml:43:15: suites.smoke.priority: 'P9' is not a priority; use P1 (most critical) to P6",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("depends_on: [auth]", "depends_on: [auht]", "13:18: services.backend.depends_on: unknown service 'auht'; did you mean 'auth'?")]
    [InlineData("golden-path: [p1-critical, golden]", "golden-path: [p1-critical, goldn]", "48:30: focus.golden-path: 'goldn' names no suite id or category; did you mean 'golden'?")]
    [InlineData("- id: p2-high", "- id: p1-critical", "37:9: suites.p1-critical.id: duplicate suite id 'p1-critical'")]
    [InlineData("path: tests", "path: nowhere", "40:11: suites.p2-high.path: 'nowhere' does not exist")]
    [InlineData("max_failure_rate: 0.05", "max_failure_rate: 5", "41:31: suites.p2-high.pass.max_failure_rate: must be a number between 0 and 1")]
    [InlineData("AUTH_URL: \"{url:auth}\"", "AUTH_URL: \"{url:cache}\"", "17:19: services.backend.local.env.AUTH_URL: {url:cache} needs 'cache' in this service's depends_on")]
    [InlineData("      - http: /health\n        expect: { status: 200", "      - http: health\n        expect: { status: 200", "10:15: services.auth.probes[0].http: 'health' must be a path starting with '/'")]
    [InlineData("service: auth\n", "service: auth\n          placement: subprotocol\n", "services.backend.probes[1].token.subprotocol_prefix: is required with placement: subprotocol")]
    [InlineData("service: auth\n", "service: ath\n", "services.backend.probes[1].token.service: unknown service 'ath'; did you mean 'auth'?")]
    [InlineData("loop: { fail_fast: false }", "loop: { fail_fast: maybe }", "49:20: loop.fail_fast: must be true or false")]
    [InlineData("ready_timeout: 30s", "ready_timeout: soon", "18:22: services.backend.local.ready_timeout: must be a positive duration")]
    [InlineData("- id: smoke\n", "- id: smoke\n    colour: blue\n", "suites.smoke.colour: unknown key 'colour'")]
    [InlineData("results: out/junit.xml", "filter: x", "suites.smoke.results: the command runner needs the JUnit XML file")]
    [InlineData("- id: smoke\n", "- id: smoke\n    proof: { min_duration_ms: fast }\n", "suites.smoke.proof.min_duration_ms: must be a number of milliseconds, 0 or more")]
    [InlineData("- id: smoke\n", "- id: smoke\n    proof: { disabled: { no-trafic: flaky } }\n", "suites.smoke.proof.disabled.no-trafic: unknown rule 'no-trafic'; did you mean 'no-traffic'?")]
    [InlineData("- id: smoke\n", "- id: smoke\n    proof: { disabled: { skipped: \"\" } }\n", "suites.smoke.proof.disabled.skipped: give the reason the rule is off")]
    [InlineData("- id: smoke\n", "- id: smoke\n    proof: { min_duraton_ms: 5 }\n", "suites.smoke.proof.min_duraton_ms: unknown key 'min_duraton_ms'; did you mean 'min_duration_ms'?")]
    [InlineData("project: demo", "projekt: demo", "1:1: projekt: unknown key 'projekt'; did you mean 'project'?")]
    public void Parse_BadValue_ErrorNamesLineAndField(string find, string replace, string expected)
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(ConfigFixture.Valid, yaml);

        var result = fixture.Parse(yaml);

        Assert.Null(result.Config);
        Assert.Contains(expected, ConfigFixture.Errors(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DependencyCycle_ReportedOnce()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace("  auth:\n    local:", "  auth:\n    depends_on: [backend]\n    local:", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Contains("dependency cycle: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("auth -> backend -> auth", error.ToString().Replace("backend -> auth -> backend", "auth -> backend -> auth", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_ErrorWithLine()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("project: demo\nsuites:\n  - id: a\n   runner: x\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("greenlight.yaml:4:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyFile_Error()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("");

        Assert.Equal("greenlight.yaml:1:1: the file is empty; it needs at least 'project' and 'suites'", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Parse_MissingRequiredKeys_EachReported()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("services:\n  api:\n    critical: true\n");

        var text = ConfigFixture.Errors(result);
        Assert.Contains("project: is required", text, StringComparison.Ordinal);
        Assert.Contains("suites: is required", text, StringComparison.Ordinal);
        Assert.Contains("2:3: services.api: needs 'local'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FocusEntryNamingNothing_ErrorWithHint()
    {
        using var fixture = new ConfigFixture();
        var yaml = ConfigFixture.Valid.Replace("[p1-critical, golden]", "[p1-critcal, golden]", StringComparison.Ordinal);

        var result = fixture.Parse(yaml);

        Assert.Equal("greenlight.yaml:48:17: focus.golden-path: 'p1-critcal' names no suite id or category; did you mean 'p1-critical'?", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void FindUpward_FromSubfolder_FindsParentConfig()
    {
        using var fixture = new ConfigFixture();
        File.WriteAllText(Path.Combine(fixture.Root, "greenlight.yaml"), "project: x\n");
        var sub = Directory.CreateDirectory(Path.Combine(fixture.Root, "a", "b")).FullName;

        Assert.Equal(Path.Combine(fixture.Root, "greenlight.yaml"), Greenlight.Config.Loading.ConfigLoader.FindUpward(sub));
    }
}
