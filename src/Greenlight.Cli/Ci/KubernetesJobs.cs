using System.Globalization;
using k8s;
using k8s.Models;

namespace Greenlight.Cli.Ci;

/// <summary>
/// <c>greenlight ci k8s --shards N</c>: three Jobs built from the Kubernetes client's models and
/// serialised with its <see cref="KubernetesYaml"/>: the deploy Job (<c>run --deploy-only --run-id</c>),
/// an Indexed Job of N shards (<c>completionMode: Indexed</c>; each pod's 0-based
/// <c>JOB_COMPLETION_INDEX</c> becomes <c>--shard INDEX+1/N</c>) and the finish Job. They share one run
/// id, fixed when the manifests are generated, and read the PostgreSQL connection from a Secret.
/// </summary>
internal static class KubernetesJobs
{
    public static IReadOnlyList<V1Job> Build(CiOptions options)
    {
        var name = $"greenlight-{options.RunId.ToLowerInvariant()}";
        var shard = $"exec greenlight run --attach \"$GREENLIGHT_RUN_ID\" --shard \"$((JOB_COMPLETION_INDEX + 1))/{options.Shards.ToString(CultureInfo.InvariantCulture)}\"";
        return
        [
            Job(options, $"{name}-deploy", "deploy", 0, null, ["greenlight", "run", "--deploy-only", "--run-id", options.RunId, .. Focus(options)]),
            Job(options, $"{name}-shards", "shard", options.Shards, options.Shards, ["/bin/sh", "-c", shard]),
            Job(options, $"{name}-finish", "finish", 0, null, ["greenlight", "finish", options.RunId, "--timeout", options.Timeout]),
        ];
    }

    public static string Render(CiOptions options) =>
        string.Join("---\n", Build(options).Select(job => KubernetesYaml.Serialize(job).TrimEnd('\n') + "\n"));

    private static string[] Focus(CiOptions options) => options.Focus is null ? [] : ["--focus", options.Focus];

    /// <param name="indexed">Shards for the Indexed Job; null for a Job of one pod.</param>
    private static V1Job Job(CiOptions options, string name, string role, int backoffLimit, int? indexed, IList<string> command) => new()
    {
        ApiVersion = "batch/v1",
        Kind = "Job",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "greenlight", ["greenlight/run-id"] = options.RunId.ToLowerInvariant(), ["greenlight/role"] = role },
        },
        Spec = new V1JobSpec
        {
            CompletionMode = indexed is null ? null : "Indexed",
            Completions = indexed,
            Parallelism = indexed,
            BackoffLimit = indexed is null ? backoffLimit : null,
            // A shard pod that crashed is retried once (the store keeps a shard's first report only); one that
            // ended with a verdict of its part (RED 1, UNPROVEN 3, BLOCKED 4) has reported and is not rerun.
            BackoffLimitPerIndex = indexed is null ? null : 1,
            PodFailurePolicy = indexed is null ? null : new V1PodFailurePolicy
            {
                Rules =
                [
                    new V1PodFailurePolicyRule
                    {
                        Action = "FailIndex",
                        OnExitCodes = new V1PodFailurePolicyOnExitCodesRequirement { OperatorProperty = "In", Values = [1, 3, 4] },
                    },
                ],
            },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["greenlight/role"] = role } },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "Never",
                    Containers =
                    [
                        new V1Container
                        {
                            Name = role,
                            Image = options.Image,
                            Command = command,
                            Env =
                            [
                                new V1EnvVar { Name = "GREENLIGHT_RUN_ID", Value = options.RunId },
                                new V1EnvVar
                                {
                                    Name = options.SecretVariable,
                                    ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = options.Secret, Key = options.SecretKey } },
                                },
                            ],
                        },
                    ],
                },
            },
        },
    };
}
