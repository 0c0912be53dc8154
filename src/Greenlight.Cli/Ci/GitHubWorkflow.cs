using YamlDotNet.Serialization;

namespace Greenlight.Cli.Ci;

/// <summary>
/// <c>greenlight ci github --shards N</c>: a GitHub Actions workflow, built as a document and serialised
/// with YamlDotNet: a deploy job (its <c>run-id</c> output is what <c>run --deploy-only</c> writes to
/// <c>$GITHUB_OUTPUT</c>), a matrix of N shard jobs attached to that run id, and a finish job that runs
/// whatever the shards did; each uploads its run folder as an artifact. The PostgreSQL connection comes
/// from a repository secret.
/// </summary>
internal static class GitHubWorkflow
{
    public const string RunIdOutput = "${{ needs.deploy.outputs.run-id }}";

    public static string Render(CiOptions options)
    {
        var shards = Enumerable.Range(1, options.Shards).ToList();
        var workflow = new Dictionary<string, object>
        {
            ["name"] = $"greenlight ({options.Shards} shards)",
            ["on"] = new Dictionary<string, object> { ["workflow_dispatch"] = new Dictionary<string, object>(), ["push"] = new Dictionary<string, object> { ["branches"] = new[] { "main" } } },
            ["env"] = new Dictionary<string, object> { [options.SecretVariable] = $"${{{{ secrets.{options.Secret} }}}}" },
            ["jobs"] = new Dictionary<string, object>
            {
                ["deploy"] = With(Job(null, null,
                [
                    new Dictionary<string, object> { ["id"] = "deploy", ["name"] = "Deploy, probe and record the run", ["run"] = $"greenlight run --deploy-only{Focus(options)}" },
                    Upload("greenlight-deploy", ".greenlight/runs"),
                ]), "outputs", new Dictionary<string, object> { ["run-id"] = "${{ steps.deploy.outputs.run-id }}" }),
                ["shard"] = With(Job("deploy", null,
                [
                    new Dictionary<string, object>
                    {
                        ["name"] = $"Shard ${{{{ matrix.shard }}}} of {options.Shards}",
                        ["run"] = $"greenlight run --attach {RunIdOutput} --shard ${{{{ matrix.shard }}}}/{options.Shards}",
                    },
                    Upload("greenlight-shard-${{ matrix.shard }}", $".greenlight/runs/{RunIdOutput}/shards/${{{{ matrix.shard }}}}"),
                ]), "strategy", new Dictionary<string, object>
                {
                    ["fail-fast"] = false,
                    ["matrix"] = new Dictionary<string, object> { ["shard"] = shards },
                }),
                ["finish"] = Job(new[] { "deploy", "shard" }, "${{ always() && needs.deploy.outputs.run-id != '' }}",
                [
                    new Dictionary<string, object> { ["name"] = "Merge the shards and write the verdict", ["run"] = $"greenlight finish {RunIdOutput} --timeout {options.Timeout}" },
                    Upload("greenlight-run", $".greenlight/runs/{RunIdOutput}"),
                ]),
            },
        };
        return new SerializerBuilder().Build().Serialize(workflow);
    }

    private static string Focus(CiOptions options) => options.Focus is null ? "" : $" --focus {options.Focus}";

    private static Dictionary<string, object> Job(object? needs, string? condition, IEnumerable<Dictionary<string, object>> steps)
    {
        var job = new Dictionary<string, object>();
        if (needs is not null)
        {
            job["needs"] = needs;
        }

        if (condition is not null)
        {
            job["if"] = condition;
        }

        job["runs-on"] = "ubuntu-latest";
        job["steps"] = new List<Dictionary<string, object>>
        {
            new() { ["uses"] = "actions/checkout@v4" },
            new() { ["uses"] = "actions/setup-dotnet@v4", ["with"] = new Dictionary<string, object> { ["dotnet-version"] = "10.0.x" } },
            new() { ["name"] = "Install Greenlight", ["run"] = "dotnet tool install --global Greenlight" },
        }.Concat(steps).ToList();
        return job;
    }

    private static Dictionary<string, object> Upload(string name, string path) => new()
    {
        ["if"] = "${{ always() }}",
        ["uses"] = "actions/upload-artifact@v4",
        ["with"] = new Dictionary<string, object> { ["name"] = name, ["path"] = path, ["if-no-files-found"] = "ignore" },
    };

    private static Dictionary<string, object> With(Dictionary<string, object> job, string key, object value)
    {
        job[key] = value;
        return job;
    }
}
