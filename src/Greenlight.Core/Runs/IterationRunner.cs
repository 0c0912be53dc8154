using Greenlight.Runs.Analysing;
using Greenlight.Runs.Deploying;
using Greenlight.Runs.Gating;
using Greenlight.Runs.Probing;
using Greenlight.Runs.Recording;
using Greenlight.Runs.Testing;
using Greenlight.Secrets;

namespace Greenlight.Runs;

/// <summary>Where an iteration starts: the services left running by the one before, what to redeploy, which suites failed last time.</summary>
/// <param name="Redeploy">The services to deploy again; null deploys everything (the first iteration).</param>
internal sealed record IterationStart(int Number, Deployment Deployment, IReadOnlySet<string>? Redeploy, IReadOnlySet<string> FailingSuites)
{
    /// <summary><c>--deploy-only</c>: gates, deploy, probes and rollback, then no tests (the shards run them).</summary>
    public bool DeployOnly { get; init; }

    /// <summary>The shard this iteration runs (<c>--attach … --shard I/N</c>); null for a whole run.</summary>
    public Sharding.ShardSignal? Shard { get; init; }
}

/// <summary>The stages of one iteration, chosen by the host.</summary>
internal sealed record IterationStages(
    GateStage Gates, DeployStage Deploy, ProbeStage Probes, RollbackStage Rollback, TestStage Tests, LivenessStage Liveness, AnalysisStage Analysis);

/// <summary>
/// One iteration, top to bottom: gates → deploy → probes → rollback of what is down → recording proxies → tests phase by phase → services that stopped during them → analysis
/// of what failed. Each stage returns
/// its result; the iteration's facts are those results, never changed after. Ctrl+C or an
/// unexpected error ends it early with what it has, and what did not run is marked so.
/// </summary>
internal sealed class IterationRunner(IterationStages stages, Stages.IServiceProxyFactory? proxyFactory, SecretRedactor redactor, TimeProvider time, IRunProgress progress)
{
    public async Task<IterationResult> RunAsync(RunContext run, IterationStart start, HistorySession history, CancellationToken cancellationToken)
    {
        var timestamp = time.GetTimestamp();
        Directory.CreateDirectory(run.IterationDirectory(start.Number));
        var facts = new IterationResult { Number = start.Number, StartedAt = time.GetUtcNow(), Deployment = start.Deployment };
        var proxies = ProxySet.None;
        string? notRun = null;
        using var preparing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prepared = Task.CompletedTask;
        try
        {
            var gates = await stages.Gates.RunAsync(run, start.Number, start.Redeploy, cancellationToken);
            facts = facts with { Gates = gates, Commands = gates.Commands, Stop = gates.Stop };
            if (!gates.Passed || gates.Stop is not null)
            {
                notRun = gates.Stop?.NotRunWhy ?? "not run: a pre-deploy gate failed, so nothing was deployed";
                return await CloseAsync(run, facts, proxies, history, notRun, timestamp, start.Shard is not null);
            }

            // Builds start now and run one after another: the services' (each service starts once its own is done),
            // then the test projects' (not for a deploy-only run: its shards run the tests), while the services start and are probed.
            await using var builds = stages.Deploy.StartBuilds(run, start.Number, start.Deployment, start.Redeploy, cancellationToken);
            prepared = start.DeployOnly ? Task.CompletedTask : stages.Tests.PrepareAsync(run, start.Number, builds.Done, preparing.Token);
            var deploy = await stages.Deploy.DeployAsync(run, start.Number, start.Deployment, start.Redeploy, builds, cancellationToken);
            facts = facts with
            {
                Deployment = deploy.Deployment, Deployed = deploy.Deployed, DeployMs = deploy.DurationMs, Notes = deploy.Notes,
                Commands = [.. facts.Commands, .. deploy.Commands], Stop = deploy.Stop,
            };
            if (deploy.Stop is not null)
            {
                return await CloseAsync(run, facts, proxies, history, deploy.Stop.NotRunWhy, timestamp, start.Shard is not null);
            }

            facts = facts with { Probes = await stages.Probes.ProbeAsync(run.Config, facts.Deployment, null, cancellationToken) };
            if (facts.Blocked && run.Loop.Rollback)
            {
                var rollback = await stages.Rollback.RollBackAsync(run, start.Number, facts.Deployment, facts.Probes, facts.Deployed, cancellationToken);
                facts = facts with
                {
                    Deployment = rollback.Deployment, Probes = rollback.Probes, Rollbacks = rollback.Rollbacks, Replaced = rollback.Replaced,
                    BlockedBy = rollback.BlockedBy, LogExcerpts = rollback.LogExcerpts, Commands = [.. facts.Commands, .. rollback.Commands],
                };
            }

            if (facts.Blocked)
            {
                facts = facts with { LogExcerpts = await LogExcerpts.ForDownServicesAsync(run, facts.Deployment, facts.Probes.Records, facts.LogExcerpts) };
                notRun = facts.BlockedBy.Count > 0 ? "blocked: a critical service was rolled back" : "blocked: a critical service is not healthy";
                return await CloseAsync(run, facts, proxies, history, notRun, timestamp, start.Shard is not null);
            }

            if (start.DeployOnly)
            {
                notRun = "not run here: a deploy-only run leaves the tests to its shards";
                return await CloseAsync(run, facts, proxies, history, notRun, timestamp, start.Shard is not null);
            }

            proxies = await ProxySet.StartAsync(proxyFactory, facts.Deployment.Urls, run.WorkDirectory(start.Number), progress, cancellationToken);
            var inputs = new TestInputs(facts.Deployment.Urls, proxies, facts.Probes.Results, history, start.FailingSuites, DownServices(run, facts)) { Shard = start.Shard };
            var tests = await stages.Tests.RunAsync(run, start.Number, inputs, cancellationToken);
            facts = facts with { Tests = tests, Suites = tests.Suites, Phases = tests.Phases, Commands = [.. facts.Commands, .. tests.Commands], Stop = tests.Stop };
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            facts = facts with { Stop = StageStop.From(ex, cancellationToken) };
            notRun = facts.Stop.NotRunWhy;
        }
        finally
        {
            // Test projects built ahead for suites that never ran (blocked, stopped) are stopped, not left building.
            await preparing.CancelAsync();
            await prepared;
        }

        return await CloseAsync(run, facts, proxies, history, notRun, timestamp, start.Shard is not null);
    }

    /// <summary>
    /// Marks what did not run, marks the services that stopped during the iteration, analyses what failed (the proxies' traffic is still there), stops the
    /// proxies, and masks secrets in the files the iteration's tools wrote into the run folder.
    /// </summary>
    private async Task<IterationResult> CloseAsync(RunContext run, IterationResult facts, ProxySet proxies, HistorySession history, string? notRun, long timestamp, bool keepTraffic)
    {
        if (notRun is not null)
        {
            var (suites, phases) = NotRunSuites.Complete(run.Plan, facts.Suites, facts.Phases, notRun);
            facts = facts with { Suites = suites, Phases = phases };
        }

        // Not the run's token: after Ctrl+C the exits are still read, only the re-probe is left out.
        var liveness = await stages.Liveness.CheckAsync(run, facts.Deployment, facts.Probes,
            facts.Tests.Failures.Count > 0 && facts.Stop?.Interrupted != true, CancellationToken.None);
        facts = facts with { Deployment = liveness.Deployment, LogExcerpts = await LogExcerpts.ForExitedServicesAsync(run, liveness.Deployment, facts.LogExcerpts) };
        var traffic = proxies.Snapshot();
        var analysis = await stages.Analysis.AnalyseAsync(run, new AnalysisInput(
            facts.Deployment, facts.Probes, facts.Rollbacks, facts.Replaced, facts.Tests.Failures, facts.Tests.SuiteWindows,
            traffic, facts.StartedAt), history);
        var proxyError = await proxies.StopAsync();
        // Only the suites' folders hold files the tools wrote themselves; logs and traffic are masked as they are written.
        await FolderRedaction.RedactAsync(Path.Combine(run.WorkDirectory(facts.Number), "suites"), redactor, CancellationToken.None);
        return facts with
        {
            Analysis = analysis,
            // Only a shard hands its traffic on (to finish); a whole run's iterations do not hold it after analysis.
            Traffic = keepTraffic ? traffic : [],
            Error = analysis.Error ?? proxyError,
            DurationMs = Verdicts.SuiteEvaluator.Ms(time.GetElapsedTime(timestamp)),
        };
    }

    /// <summary>
    /// The services that did not deploy or fail a probe (only non-critical ones get this far), each with
    /// why: its deploy failure, else its failing probes.
    /// </summary>
    private static Dictionary<string, string> DownServices(RunContext run, IterationResult facts)
    {
        var down = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in run.Config.Services)
        {
            var probes = facts.Probes.Records.Where(p => p.Service == service.Name && !p.Healthy).Select(p => $"{p.Url}: {p.Detail}").ToList();
            if (facts.Deployment.Service(service.Name) is { Deployed: false } failed)
            {
                down[service.Name] = $"deploy failed: {failed.Failure}";
            }
            else if (probes.Count > 0)
            {
                down[service.Name] = "unhealthy: " + string.Join("; ", probes);
            }
        }

        return down;
    }
}
