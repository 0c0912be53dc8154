namespace Greenlight.Core.Tests.Config;

public sealed class RemoteConfigTests
{
    private const string Suites = """
        suites:
          - id: smoke
            priority: P1
            runner: pytest
            path: tests

        """;

    [Fact]
    public void Parse_RemoteAndLogs_MapsEveryKey()
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse("""
            project: demo
            services:
              api:
                remote:
                  url: https://api-staging.example.com
                  deploy: gcloud run deploy api --image=eu.gcr.io/p/api:{revision}
                  rollback: gcloud run services update-traffic api --to-revisions={revision}=100
                  revision: gcloud run services describe api --format='value(status.traffic[0].revisionName)'
                  logs: gcloud logging read 'timestamp>="{since}"'
                  cwd: tests
                  env: { CLOUDSDK_CORE_PROJECT: demo }
                  timeout: 5m
                logs: { file: logs/api.log }
              worker:
                url: http://127.0.0.1:9000
                logs: { command: "kubectl logs deploy/worker --since-time={since}", timeout: 30s }

            """ + Suites);

        Assert.True(result.Succeeded, ConfigFixture.Errors(result));
        var api = result.Config!.Services[0];
        var remote = api.Remote!;
        Assert.Equal(new Uri("https://api-staging.example.com"), remote.Url);
        Assert.Equal(remote.Url, api.Url);
        Assert.Equal("gcloud run deploy api --image=eu.gcr.io/p/api:{revision}", remote.Deploy);
        Assert.StartsWith("gcloud run services update-traffic", remote.Rollback, StringComparison.Ordinal);
        Assert.StartsWith("gcloud run services describe", remote.Revision, StringComparison.Ordinal);
        Assert.StartsWith("gcloud logging read", remote.Logs, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(fixture.Root, "tests"), remote.WorkingDirectory);
        Assert.Equal("demo", remote.Environment["CLOUDSDK_CORE_PROJECT"]);
        Assert.Equal(TimeSpan.FromMinutes(5), remote.Timeout);
        Assert.Equal(Path.Combine(fixture.Root, "logs", "api.log"), api.Logs!.File);
        var worker = result.Config.Services[1];
        Assert.Null(worker.Remote);
        Assert.Equal("kubectl logs deploy/worker --since-time={since}", worker.Logs!.Command);
        Assert.Equal(TimeSpan.FromSeconds(30), worker.Logs.Timeout);
    }

    [Theory]
    [InlineData("remote: { url: http://x, deplyo: ./d.sh }", "4:30: services.api.remote.deplyo: unknown key 'deplyo'; did you mean 'deploy'?")]
    [InlineData("remote: { url: ftp://x }", "4:20: services.api.remote.url: 'ftp://x' is not an absolute http(s) URL")]
    [InlineData("remote: { deploy: ./d.sh }", "4:13: services.api.remote.url: is required")]
    [InlineData("remote: { url: http://x, rollback: ./r.sh }", "4:40: services.api.remote.rollback: needs 'revision' too")]
    [InlineData("url: http://x\n    remote: { url: http://y }", "5:13: services.api.remote: give exactly one of 'local', 'url' or 'remote', not 'url' and 'remote'")]
    [InlineData("url: http://x\n    logs: { file: a.log, command: cat a.log }", "5:11: services.api.logs: give exactly one of 'file'")]
    [InlineData("url: http://x\n    logs: { path: a.log }", "5:13: services.api.logs.path: unknown key 'path'")]
    [InlineData("critical: true", "3:3: services.api: needs 'local' (Greenlight builds and starts it), 'url' (it already runs there) or 'remote'")]
    public void Parse_BadRemoteOrLogs_ErrorWithLineAndColumn(string service, string expected)
    {
        using var fixture = new ConfigFixture();

        var result = fixture.Parse($"""
            project: demo
            services:
              api:
                {service}

            """ + Suites);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, ConfigFixture.Errors(result), StringComparison.Ordinal);
    }
}
