using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Cli.Tests;

/// <summary><c>greenlight ci github|k8s --shards N</c>: the generated definitions load back as what they claim to be.</summary>
public sealed class CliCiGeneratorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Github_FourShards_DeployMatrixFinishWithTheRunIdPassedAndArtifacts()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "ci", "github", "--shards", "4", "--focus", "p1");

        Assert.True(result.ExitCode == 0, result.All);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(result.Stdout));
        var workflow = (YamlMappingNode)yaml.Documents.Single().RootNode;
        Assert.Equal("${{ secrets.GREENLIGHT_HISTORY_PG }}", Scalar(workflow, "env", "GREENLIGHT_HISTORY_PG"));
        var jobs = (YamlMappingNode)workflow["jobs"];
        Assert.Equal(["deploy", "shard", "finish"], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("${{ steps.deploy.outputs.run-id }}", Scalar(jobs, "deploy", "outputs", "run-id"));
        Assert.Contains(Steps(jobs, "deploy"), s => s.Contains("greenlight run --deploy-only --focus p1", StringComparison.Ordinal));
        Assert.Equal("deploy", Scalar(jobs, "shard", "needs"));
        var matrix = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)jobs["shard"])["strategy"])["matrix"])["shard"];
        Assert.Equal(["1", "2", "3", "4"], matrix.Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.Equal("false", Scalar(jobs, "shard", "strategy", "fail-fast"));
        Assert.Contains(Steps(jobs, "shard"), s => s.Contains("greenlight run --attach ${{ needs.deploy.outputs.run-id }} --shard ${{ matrix.shard }}/4", StringComparison.Ordinal));
        Assert.Equal(["deploy", "shard"], ((YamlSequenceNode)((YamlMappingNode)jobs["finish"])["needs"]).Children.Select(c => ((YamlScalarNode)c).Value));
        Assert.StartsWith("${{ always()", Scalar(jobs, "finish", "if"), StringComparison.Ordinal);
        Assert.Contains(Steps(jobs, "finish"), s => s.Contains("greenlight finish ${{ needs.deploy.outputs.run-id }} --timeout 30m", StringComparison.Ordinal));
        Assert.Contains(Steps(jobs, "finish"), s => s.Contains("actions/upload-artifact@v4", StringComparison.Ordinal) && s.Contains(".greenlight/runs/${{ needs.deploy.outputs.run-id }}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task K8s_FourShards_ThreeJobsTheShardsIndexed()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "ci", "k8s", "--shards", "4", "--run-id", "20261202-010101-abcd", "--image", "registry.example/shop-e2e:1");

        Assert.True(result.ExitCode == 0, result.All);
        var jobs = KubernetesYaml.LoadAllFromString(result.Stdout).Cast<V1Job>().ToList();
        Assert.Equal(["greenlight-20261202-010101-abcd-deploy", "greenlight-20261202-010101-abcd-shards", "greenlight-20261202-010101-abcd-finish"], jobs.Select(j => j.Metadata.Name));
        var shards = jobs[1].Spec;
        Assert.Equal(("Indexed", 4, 4), (shards.CompletionMode, shards.Completions, shards.Parallelism));
        Assert.Null(jobs[0].Spec.CompletionMode);
        var shard = shards.Template.Spec.Containers.Single();
        Assert.Equal("registry.example/shop-e2e:1", shard.Image);
        Assert.Contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/4\"", shard.Command.Last(), StringComparison.Ordinal);
        Assert.Equal(["greenlight", "run", "--deploy-only", "--run-id", "20261202-010101-abcd"], jobs[0].Spec.Template.Spec.Containers.Single().Command);
        Assert.Equal(["greenlight", "finish", "20261202-010101-abcd", "--timeout", "30m"], jobs[2].Spec.Template.Spec.Containers.Single().Command);
        Assert.All(jobs, job =>
        {
            var secret = job.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "GREENLIGHT_HISTORY_PG").ValueFrom.SecretKeyRef;
            Assert.Equal(("greenlight-history", "connection"), (secret.Name, secret.Key));
            Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
        });
    }

    [Fact]
    public async Task Github_ConfigWithLocalServices_NoteThatTheShardsCannotReachThem()
    {
        var project = CliProcess.CopyProject("shard-project");
        try
        {
            var result = await CliProcess.RunAsync(project, Timeout, "ci", "github", "--shards", "2", "-o", "workflow.yml");

            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("starts local services (api): they run inside the deploy job at 127.0.0.1 URLs the shard jobs cannot reach", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("greenlight run --attach", await File.ReadAllTextAsync(Path.Combine(project, "workflow.yml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Theory]
    [InlineData("github", "0")]
    [InlineData("k8s", "999")]
    public async Task ShardsOutOfRange_UsageError(string engine, string shards)
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Timeout, "ci", engine, "--shards", shards);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--shards must be between 1 and 256", result.Stderr, StringComparison.Ordinal);
    }

    private static string Scalar(YamlMappingNode node, params string[] path)
    {
        YamlNode current = node;
        foreach (var key in path)
        {
            current = ((YamlMappingNode)current)[key];
        }

        return ((YamlScalarNode)current).Value!;
    }

    /// <summary>Each step of the job as one line of its keys and values.</summary>
    private static List<string> Steps(YamlMappingNode jobs, string job) =>
        [.. ((YamlSequenceNode)((YamlMappingNode)jobs[job])["steps"]).Children.Select(step => string.Join(" ", Flatten(step)))];

    private static IEnumerable<string> Flatten(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlMappingNode map => map.Children.SelectMany(kv => Flatten(kv.Key).Concat(Flatten(kv.Value))),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Flatten),
        _ => [],
    };
}
