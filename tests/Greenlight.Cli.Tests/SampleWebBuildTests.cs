using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The field's tolerated frontend failure on a copy of the sample, for real: <c>sample/replay.sh web-build</c>
/// breaks the web app's compile; the web service is not critical, so the run goes on with auth and backend,
/// and the browser suite, which names <c>web</c> in its <c>services:</c>, is reported not run, with why, in
/// its record and in the verdict's reasons.
/// </summary>
[Collection("sample")]
public sealed class SampleWebBuildTests
{
    private static readonly string[] BuildFiles = ["greenlight.yaml", ".gitattributes", ".editorconfig", "global.json", "Directory.Build.props", "Directory.Packages.props", "BannedSymbols.txt"];

    [Fact]
    public async Task Run_AfterReplayWebBuild_WebDownP2WebNotRunOtherSuitesPassUnproven()
    {
        var copy = await SampleCopy.WithReplayAsync("greenlight-web-build-", "web-build", BuildFiles);
        try
        {
            var result = await CliProcess.RunAsync(copy, TimeSpan.FromMinutes(8), "run", "--focus", "p2", "--json");

            Assert.True(result.ExitCode == 3, result.All);
            var run = JsonDocument.Parse(result.Stdout).RootElement;
            Assert.Equal("UNPROVEN", run.GetProperty("verdict").GetString());
            var services = run.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
            Assert.True(services["auth"].GetProperty("deployed").GetBoolean());
            Assert.True(services["backend"].GetProperty("deployed").GetBoolean());
            Assert.False(services["web"].GetProperty("deployed").GetBoolean());
            var failure = services["web"].GetProperty("failure").GetString()!;
            Assert.True(failure.Contains("error CS1061: 'WebApplication' does not contain a definition for 'MapWebPages'", StringComparison.Ordinal), failure);

            var suites = run.GetProperty("suites").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            Assert.Equal("passed", suites["p2-high"].GetProperty("outcome").GetString());
            Assert.Equal(32, suites["p2-high"].GetProperty("passed").GetInt32());
            Assert.Equal("not_run", suites["p2-web"].GetProperty("outcome").GetString());
            var why = suites["p2-web"].GetProperty("problems")[0].GetString()!;
            Assert.StartsWith("service 'web' it needs is down: deploy failed: ", why, StringComparison.Ordinal);

            var reasons = run.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
            Assert.Contains($"p2-web: not run ({why})", reasons);
            Assert.Contains(reasons, r => r.StartsWith("non-critical service 'web' did not deploy", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
