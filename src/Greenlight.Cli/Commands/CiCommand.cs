using System.CommandLine;
using Greenlight.Cli.Ci;
using Greenlight.Config.Loading;
using Greenlight.Runs;
using Greenlight.Runs.Sharding;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight ci github|k8s --shards N</c>: the CI definitions of a sharded run (docs/scale.md).</summary>
internal static class CiCommand
{
    private const string SecretVariable = "GREENLIGHT_HISTORY_PG";

    public static Command Create()
    {
        var ci = new Command("ci", "Write the CI definition of a sharded run: deploy → N shards → finish, the run id passed between them, "
            + $"the PostgreSQL connection from a secret into {SecretVariable} (greenlight.yaml: history: {{postgres: \"${{env:{SecretVariable}}}\"}})");
        ci.Add(Github());
        ci.Add(Kubernetes());
        return ci;
    }

    private static Command Github()
    {
        var (shards, focus, timeout, output) = Common();
        var secret = new Option<string>("--secret") { Description = "The repository secret holding the PostgreSQL connection string", HelpName = "NAME", DefaultValueFactory = _ => SecretVariable };
        var command = new Command("github", "A GitHub Actions workflow: a deploy job (its run-id output), a matrix of N shard jobs, a finish job; each uploads its run folder as an artifact")
        {
            shards, focus, secret, timeout, output,
        };
        command.SetAction(parse => Write(parse.GetValue(output), "jobs",
            GitHubWorkflow.Render(new CiOptions(parse.GetValue(shards), parse.GetValue(secret)!, SecretVariable, parse.GetValue(timeout)!, parse.GetValue(focus)))));
        return command;
    }

    private static Command Kubernetes()
    {
        var (shards, focus, timeout, output) = Common();
        var secret = new Option<string>("--secret") { Description = "The Kubernetes Secret holding the PostgreSQL connection string under the key 'connection'", HelpName = "NAME", DefaultValueFactory = _ => "greenlight-history" };
        var image = new Option<string>("--image") { Description = "The image with your repository and greenlight on its PATH", HelpName = "IMAGE", DefaultValueFactory = _ => "greenlight:latest" };
        var runId = new Option<string?>("--run-id") { Description = "The run id the three Jobs share (default: a new one; generate the manifests once per run)", HelpName = "RUN_ID" };
        var command = new Command("k8s", "Kubernetes Jobs: deploy (run --deploy-only --run-id), an Indexed Job of N shards (JOB_COMPLETION_INDEX → --shard), finish; apply them in that order")
        {
            shards, focus, secret, image, runId, timeout, output,
        };
        command.SetAction(parse =>
        {
            var id = parse.GetValue(runId) ?? RunId.Create(TimeProvider.System, Random.Shared);
            return Write(parse.GetValue(output), "pods", KubernetesJobs.Render(new CiOptions(parse.GetValue(shards), parse.GetValue(secret)!, SecretVariable, parse.GetValue(timeout)!, parse.GetValue(focus))
            {
                Image = parse.GetValue(image)!,
                RunId = id,
            }));
        });
        return command;
    }

    private static (Option<int> Shards, Option<string?> Focus, Option<string> Timeout, Option<string?> Output) Common()
    {
        var shards = new Option<int>("--shards") { Description = "How many shards", HelpName = "N", Required = true };
        shards.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > ShardSpec.MostShards)
            {
                result.AddError($"--shards must be between 1 and {ShardSpec.MostShards}");
            }
        });
        var focus = CommonOptions.Focus();
        var timeout = new Option<string>("--timeout") { Description = "How long finish waits for the shards", HelpName = "DURATION", DefaultValueFactory = _ => "30m" };
        timeout.Validators.Add(Shards.DurationValidator("--timeout"));
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout", HelpName = "FILE" };
        return (shards, focus, timeout, output);
    }

    /// <summary>The definition on stdout or in a file; a note on stderr when the config starts local services the shards could not reach.</summary>
    private static int Write(string? output, string runners, string text)
    {
        if (CommonOptions.Locate(null).Path is { } config && ConfigLoader.Load(config) is { Succeeded: true } loaded
            && loaded.Config!.Services.Where(s => s.Local is not null).Select(s => s.Name).ToList() is { Count: > 0 } local)
        {
            Console.Error.WriteLine($"greenlight: note: {config} starts local services ({string.Join(", ", local)}): they run inside the deploy {runners[..^1]} "
                + $"at 127.0.0.1 URLs the shard {runners} cannot reach; give the shards url: or remote: services (docs/scale.md, \"Who keeps the services up\")");
        }

        if (output is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            File.WriteAllText(output, text);
            Console.Error.WriteLine($"greenlight: wrote {output}");
        }

        return 0;
    }
}
