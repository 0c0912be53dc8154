using Greenlight.Analysis;
using Greenlight.Analysis.Evidence;
using Greenlight.Analysis.Logs;
using Greenlight.Config;
using Greenlight.Deploy.Remote;
using Greenlight.Model;
using Greenlight.Plugins;
using Greenlight.Stages;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private const string DeploySuite = "(deploy)";

    /// <summary>Keeps the suite's failed and errored cases, with times, for <see cref="AnalyseAsync"/>.</summary>
    internal static void CollectFailures(RunState state, SuiteConfig suite, SuiteRunResult result)
    {
        var window = new LogWindow(result.Started, result.Started + result.Duration);
        state.SuiteWindows[suite.Id] = window;
        var times = (result.Pytest?.Tests ?? []).Where(t => t.Started is not null)
            .GroupBy(t => PytestNodeId.ToJUnit(t.NodeId))
            .ToDictionary(g => g.Key.ClassName.Length == 0 ? g.Key.Name : $"{g.Key.ClassName}.{g.Key.Name}", g => g.First(), StringComparer.Ordinal);
        foreach (var failed in result.Cases.Where(c => c.Outcome is TestOutcome.Failed or TestOutcome.Error))
        {
            var occurrence = FailureOccurrence.From(failed, suite.Id, suite.PriorityLabel, suite.Runner);
            if (occurrence.Started is null && times.TryGetValue(failed.FullName, out var timed))
            {
                occurrence = occurrence with { Started = timed.Started, Ended = timed.Ended };
            }

            // Without times from the runner, the suite's own window stands for the failure's.
            state.Failures.Add(occurrence.Started is null && occurrence.Ended is null
                ? occurrence with { Started = window.From, Ended = window.To }
                : occurrence);
        }
    }

    /// <summary>
    /// Failures → clusters → evidence chains: the services the failing tests talked to, their log
    /// lines in the failure windows, the deploy that preceded the first failure, and what history
    /// knows. On a BLOCKED run each service that would not start or answer is a failure of its own.
    /// </summary>
    internal async Task AnalyseAsync(RunState state, CancellationToken cancellationToken)
    {
        var failures = state.Failures.Concat(StartupFailures(state)).ToList();
        if (failures.Count == 0)
        {
            return;
        }

        var traffic = state.Traffic?.Snapshot() ?? [];
        var deploys = state.Services.Where(s => s.Deployed && s.StartedAt is not null)
            .Select(s => new DeployEvent(s.Name, s.StartedAt!.Value, "deployed", s.Revision))
            .Concat(state.Replaced.Where(r => r.Value.StartedAt is not null)
                .Select(r => new DeployEvent(r.Key, r.Value.StartedAt!.Value, "deployed", r.Value.Revision))).ToList();
        var sources = state.LogPaths
            .Concat(state.Replaced.Where(r => r.Value.LogPath is not null).Select(r => KeyValuePair.Create(r.Key, r.Value.LogPath!)))
            .Select(kv => (ILogSource)new FileLogSource(kv.Key, kv.Value))
            .Concat(state.Config.Services.SelectMany(s => ConfiguredLogSources(state, s))).ToList();
        var builder = new EvidenceChainBuilder(redactor);
        var clusters = new FailureClusterer(redactor).Cluster(failures);
        progress.Step("analyse", "failures", $"{failures.Count} failure(s) in {clusters.Count} cluster(s)", null);
        foreach (var cluster in clusters)
        {
            var suites = state.Config.Suites.Where(s => cluster.Suites.Contains(s.Id)).ToList();
            var configured = cluster.Suites.Contains(DeploySuite)
                ? cluster.Tests
                : [.. suites.SelectMany(s => s.Services).Distinct(StringComparer.Ordinal)];
            var facts = state.HistoryStore is { } store ? await store.FactsAsync(state.Config.Project, RunIdOf(state), cluster, cancellationToken) : null;
            if (facts is { Succeeded: false })
            {
                state.HistoryProblems.Add(redactor.Redact($"history not read: {facts.Error}"));
            }

            var chain = await builder.BuildAsync(new EvidenceRequest
            {
                Cluster = cluster,
                Services = ServicesInvolved.Find(cluster, traffic, configured),
                LogSources = sources,
                Deploys = deploys,
                FallbackWindow = suites.Select(s => state.SuiteWindows.GetValueOrDefault(s.Id)).FirstOrDefault(w => w is not null),
                Impact = suites.Select(s => s.Impact).FirstOrDefault(i => i is not null),
                History = facts?.Value,
            }, cancellationToken);
            state.Chains.Add(chain);
            state.ClusterRecords.Add(ClusterRecord.From(chain, ServicesInvolved.Faults(ServicesInvolved.Records(cluster, traffic)), state.Chains.Count));
        }

        progress.Step("analyse", "failures", $"root causes: {string.Join("; ", state.ClusterRecords.Take(3).Select(c => c.Title))}", true);
    }

    /// <summary>The lines a service's platform keeps (<c>remote.logs</c>) and its own log (<c>logs: {file|command}</c>), besides captured stdout.</summary>
    private IEnumerable<ILogSource> ConfiguredLogSources(RunState state, ServiceConfig service)
    {
        if (service.Remote is { Logs: { } remoteLogs } remote)
        {
            // {since} and {until} are the window's, filled in by the source; the revisions are known now.
            var serving = state.Services.LastOrDefault(s => s.Name == service.Name)?.Revision;
            var values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["service"] = service.Name, ["revision"] = serving, ["previous_revision"] = state.Replaced.GetValueOrDefault(service.Name)?.Revision,
            };
            var environment = remote.Environment.ToDictionary(kv => kv.Key, kv => Deploy.Placeholders.Expand(kv.Value), StringComparer.Ordinal);
            foreach (var (name, value) in RemotePlaceholders.AsEnvironment(values))
            {
                environment[name] = value;
            }

            yield return new CommandLogSource(service.Name, RemotePlaceholders.Expand(remoteLogs, values), remote.WorkingDirectory, remote.Timeout, redactor, environment);
        }

        if (service.Logs is { File: { } file })
        {
            yield return new FileLogSource(service.Name, file);
        }
        else if (service.Logs is { Command: { } command } logs)
        {
            yield return new CommandLogSource(service.Name, command, logs.WorkingDirectory, logs.Timeout, redactor);
        }
    }

    /// <summary>A critical service that did not deploy or answer its probe, as a failure at the moment it was given up on.</summary>
    private IEnumerable<FailureOccurrence> StartupFailures(RunState state)
    {
        var now = time.GetUtcNow();
        foreach (var service in state.Services.Where(s => s.Critical && !s.Deployed))
        {
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = service.Name, Phase = "deploy", Runner = "deploy", Outcome = TestOutcome.Error,
                Message = Readable(service.Failure ?? "did not start"), Started = service.StartedAt ?? now - TimeSpan.FromMinutes(1), Ended = now,
            };
        }

        // A revision that was rolled back: its failure is the cause, even though the service answers again.
        foreach (var rollback in state.Rollbacks.Where(r => r.Evidence.Count > 0))
        {
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = rollback.Service, Phase = "deploy", Runner = "rollback", Outcome = TestOutcome.Error,
                Message = Readable(rollback.Evidence[0]),
                Started = state.Replaced.GetValueOrDefault(rollback.Service) is { } bad ? bad.FailedAt ?? bad.StartedAt ?? state.IterationStartedAt : state.IterationStartedAt,
                Ended = now,
            };
        }

        foreach (var probe in state.Probes.Where(p => p.Critical && !p.Healthy && state.Services.Any(s => s.Name == p.Service && s.Deployed)))
        {
            var service = state.Services.First(s => s.Name == probe.Service);
            // The probe's own time window: the deploy is then what preceded it, not part of it.
            var at = state.ProbeResults.Where(r => r.Service == probe.Service && r.Url == probe.Url).Select(r => (DateTimeOffset?)r.At).LastOrDefault();
            var latency = TimeSpan.FromMilliseconds(probe.LatencyMs);
            yield return new FailureOccurrence
            {
                Suite = DeploySuite, Test = probe.Service, Phase = "probe", Runner = probe.Kind, Outcome = TestOutcome.Error,
                Message = probe.Detail.Length > 0 ? probe.Detail : $"{probe.Kind} probe unhealthy",
                Started = at ?? service.StartedAt ?? now - TimeSpan.FromMinutes(1),
                Ended = at is { } t ? t + latency : now,
            };
        }
    }

    /// <summary>A failure that quotes a JSON log line ("exited with 1 during start: {…}") reads better, and clusters better, with that line's message.</summary>
    private static string Readable(string failure)
    {
        var json = failure.IndexOf('{', StringComparison.Ordinal);
        return json > 0 && LogLineParser.Parse(failure[json..]) is { Message.Length: > 0 } parsed && !parsed.Message.StartsWith('{')
            ? failure[..json] + parsed.Message
            : failure;
    }
}
