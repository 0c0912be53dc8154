using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The sample's xunit v3 P1 suite in two shards (one after the other: they build the same test project),
/// coordinated through the sample's own SQLite history: each shard runs its tests by name
/// (<c>--filter-method</c>), and finish writes the same 25 proven passes a single run has.
/// </summary>
[Collection("sample")]
public sealed class SampleShardTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task GoldenPathInTwoShards_Green25ProvenAtRequestLevel()
    {
        var root = CliProcess.RepositoryRoot();
        var none = new Dictionary<string, string>();
        await using var deploy = await DeployOnly.StartAsync(root, none, "--focus", "golden-path");

        var first = await CliProcess.RunAsync(root, Timeout, "run", "--attach", deploy.RunId, "--shard", "1/2");
        var second = await CliProcess.RunAsync(root, Timeout, "run", "--attach", deploy.RunId, "--shard", "2/2");
        var finish = await CliProcess.RunAsync(root, Timeout, "finish", deploy.RunId, "--timeout", "60s", "--json");

        Assert.True(first.ExitCode == 0, first.All);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("--filter-method AgentChat.E2E.P1.", File.ReadAllText(Path.Combine(root, ".greenlight", "runs", deploy.RunId, "shards", "1", "run.json")), StringComparison.Ordinal);
        Assert.True(finish.ExitCode == 0, finish.All);
        var run = JsonDocument.Parse(finish.Stdout).RootElement;
        Assert.Equal("GREEN", run.GetProperty("verdict").GetString());
        var tests = RunTestsFile.Read(Path.Combine(root, ".greenlight", "runs", deploy.RunId));
        Assert.Equal(25, tests.Count);
        Assert.Equal(25, tests.Select(t => t.GetProperty("name").GetString()).Distinct().Count());
        Assert.All(tests, t => Assert.True(t.GetProperty("proven").GetBoolean() && t.GetProperty("proof_level").GetString() == "request", t.ToString()));
        Assert.True(await deploy.ExitedAsync(), deploy.Output);
    }
}
