using System.Text.Json;
using System.Text.RegularExpressions;
using Greenlight.Config;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Runs.History;
using Greenlight.Runs.Recording;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Sharding;

/// <summary>
/// One run in three roles that meet in the history store (docs/scale.md): <see cref="DeployOnlyRole"/>
/// deploys, probes and records the deployment under a new run id; <see cref="ShardRole"/> runs one shard
/// of every selected suite against it (its own proxies, probes and proof) and reports; <see cref="FinishRole"/>
/// waits for every shard, merges, analyses and records the one verdict through the same
/// <see cref="RunRecorder.RecordAsync"/> a single-machine run ends with. What the roles share is here.
/// </summary>
internal static partial class ShardRoles
{
    /// <summary>How often a role looks at the store for what another role wrote.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static bool IsRunId(string text) => RunIdShape().IsMatch(text);

    public static string NotARunId(string text) => $"'{text}' is not a run id (letters, digits and '-', up to 64, as `greenlight run --deploy-only` prints it)";

    public static string NoShardStore(HistorySession history) => history.Description is { } store
        ? $"{store} cannot coordinate shards"
        : "a sharded run's roles meet in the history store, and none could be opened (see the history line above); set history: {postgres: …} in greenlight.yaml";

    /// <summary>The deployment the deploy-only run recorded under <paramref name="runId"/>, or why there is none for this config.</summary>
    public static async Task<(ShardDeployment? Deployment, string? Error)> ReadDeploymentAsync(
        IRunHistoryFactory? histories, GreenlightConfig config, string runId, CancellationToken cancellationToken)
    {
        if (!IsRunId(runId))
        {
            return (null, NotARunId(runId));
        }

        if (histories is null)
        {
            return (null, "a sharded run's roles meet in the history store, and this build has none");
        }

        var opened = await histories.OpenAsync(config.HistoryStore, config.RootDirectory, cancellationToken);
        if (!opened.Succeeded)
        {
            return (null, $"history unavailable: {opened.Error}");
        }

        await using var history = opened.Value!;
        if ((history as IShardStoreProvider)?.Shards is not { } store)
        {
            return (null, $"{history.Description} cannot coordinate shards");
        }

        var json = await store.DeploymentAsync(runId, cancellationToken);
        if (!json.Succeeded)
        {
            return (null, $"reading run {runId} from {history.Description}: {json.Error}");
        }

        if (json.Value is null)
        {
            return (null, $"no deploy-only run recorded run id '{runId}' in {history.Description}: start one with `greenlight run --deploy-only` (every role must use the same history: store)");
        }

        var deployment = JsonSerializer.Deserialize<ShardDeployment>(json.Value, RunJson.LineOptions)!;
        return deployment.Project == config.Project
            ? (deployment, null)
            : (null, $"run {runId} belongs to project '{deployment.Project}', not '{config.Project}'");
    }

    /// <summary>A sharded role's one iteration, with the loop's stop decision for it (a sharded run does not remediate).</summary>
    public static CompletedIteration Single(RunContext run, IterationResult facts, TimeProvider time, IRunProgress progress)
    {
        var end = new RunEnd(time.GetUtcNow(), SuiteEvaluator.Ms(time.GetElapsedTime(run.StartTimestamp)), facts.Stop?.Interrupted == true, facts.FirstError, null, null)
        {
            Notes = facts.Notes,
        };
        var view = RunRecords.Build(run, facts, [], facts.Commands, end);
        var (reason, detail) = facts.Stop is { } stop
            ? stop.Interrupted ? (StopReasons.Interrupted, "the run was interrupted (Ctrl+C or SIGTERM)") : (StopReasons.Error, $"the run stopped on an error: {stop.Error}")
            : LoopRules.StopAfterTests(view, 1, run.Loop with { Iterations = 1 }, []) ?? (StopReasons.Budget, "a sharded run has one iteration");
        progress.Step("loop", reason, $"loop ended: {detail}", reason == StopReasons.Green);
        return new CompletedIteration(facts, IterationRecords.Build(facts, view, null, null, reason, detail), facts.Commands);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex RunIdShape();
}
