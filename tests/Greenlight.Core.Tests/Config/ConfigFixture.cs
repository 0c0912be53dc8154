using Greenlight.Config.Loading;

namespace Greenlight.Core.Tests.Config;

/// <summary>A throw-away project folder holding a greenlight.yaml and the paths it names.</summary>
internal sealed class ConfigFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("greenlight-config-").FullName;

    public ConfigFixture()
    {
        Directory.CreateDirectory(Path.Combine(Root, "e2e"));
        Directory.CreateDirectory(Path.Combine(Root, "tests"));
    }

    public ConfigLoadResult Parse(string yaml, IReadOnlyDictionary<string, string>? env = null)
    {
        var path = Path.Combine(Root, ConfigLoader.FileName);
        File.WriteAllText(path, yaml);
        return ConfigLoader.Parse(yaml, path, "greenlight.yaml", name => env is not null && env.TryGetValue(name, out var v) ? v : null);
    }

    public static string Errors(ConfigLoadResult result) => string.Join("\n", result.Errors);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public const string Valid = """
        project: demo
        services:
          auth:
            local:
              build: dotnet build auth
              run: dotnet auth.dll --urls http://127.0.0.1:{port}
              env:
                JWT_KEY: ${env:DEMO_JWT_KEY:-dev-key-0123456789}
            probes:
              - http: /health
                expect: { status: 200, json: { status: healthy } }
          backend:
            depends_on: [auth]
            local:
              run: dotnet backend.dll --urls http://127.0.0.1:{port}
              env:
                AUTH_URL: "{url:auth}"
              ready_timeout: 30s
            probes:
              - http: /health
              - websocket: /ws
                token:
                  service: auth
                  path: /auth/token
                  body: { userId: e2e-user-001 }
                  headers: { X-E2E-Bypass-Key: "${env:DEMO_BYPASS_KEY:-bypass-dev}" }
                expect: { first_message: connection_ready }
        suites:
          - id: p1-critical
            priority: P1
            category: golden
            impact: "$120K+ MRR"
            runner: dotnet
            path: e2e
            filter: Priority=P1
            pass: { max_failure_rate: 0 }
          - id: p2-high
            priority: p2
            runner: pytest
            path: tests
            pass: { max_failure_rate: 0.05 }
          - id: smoke
            priority: 3
            runner: command
            args: [sh, -c, "echo hi"]
            results: out/junit.xml
        focus:
          golden-path: [p1-critical, golden]
        loop: { fail_fast: false }
        """;
}
