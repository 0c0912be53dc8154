using System.ComponentModel;
using System.Text.Json;
using Greenlight.Cli.Commands;
using Greenlight.Cli.Hosting;
using Greenlight.Config;
using Greenlight.Guards;
using Greenlight.Model;
using Greenlight.Planning;
using Greenlight.Processes;
using Greenlight.Reporting;
using Greenlight.Repository;
using Greenlight.Runs;
using Greenlight.Secrets;
using ModelContextProtocol;

namespace Greenlight.Cli.Mcp;

/// <summary>
/// What <c>greenlight mcp</c> offers a coding agent: the same plan, probe, run, evidence and history
/// as the CLI, with structured results, and the change guard on the working tree. Every failure is an
/// <see cref="McpException"/> with the CLI's message (a tool error; the server keeps serving). The
/// config is read again on every call, so an edited greenlight.yaml takes effect at once.
/// </summary>
internal sealed class GreenlightTools(string? configPath, SecretRedactor redactor)
{
    private static readonly TimeProvider Time = TimeProvider.System;

    [Description("List what a run would do for a focus, deploying nothing: phases in priority order, their suites, impact, pass criterion and each suite's tests.")]
    public async Task<PlanResult> Plan(
        [Description("A focus from greenlight.yaml, a suite id, a category, p1…p6 or all (default all)")] string? focus = null,
        CancellationToken cancellationToken = default)
    {
        var config = Config();
        var planned = Planner.Plan(config, focus);
        if (planned.Plan is not { } plan)
        {
            throw new McpException(planned.Error!);
        }

        var stages = StageCatalog.Create(Time, redactor);
        var phases = new List<PlanPhase>();
        foreach (var phase in plan.Phases)
        {
            var suites = new List<PlanSuite>();
            foreach (var suite in plan.Suites.Where(s => s.Priority == phase.Priority))
            {
                var (listing, unavailable) = await PlanCommand.ListTestsAsync(stages.Runner(suite.Runner), suite, config.RootDirectory, cancellationToken);
                suites.Add(new PlanSuite(suite.Id, suite.Runner, suite.Category, suite.Impact, Format.Criterion(suite.MaxFailureRate),
                    listing?.Tests ?? [], [.. listing?.Problems ?? [], .. unavailable is null ? [] : new[] { unavailable }]));
            }

            phases.Add(new PlanPhase(phase.Label, suites));
        }

        return Redacted(new PlanResult(plan.Rationale, phases));
    }

    [Description("Deploy the services of greenlight.yaml (starts local services, then stops them), probe them and return the infrastructure table. Runs no tests.")]
    public async Task<ProbeResult> Probe(CancellationToken cancellationToken = default)
    {
        var config = Config();
        var pipeline = new RunPipeline(StageCatalog.Create(Time, redactor), Time, redactor, IRunProgress.None, Random.Shared);
        var outcome = await pipeline.ProbeOnlyAsync(config, cancellationToken);
        if (outcome.ConfigErrors.Count > 0)
        {
            throw new McpException(string.Join("\n", outcome.ConfigErrors));
        }

        var critical = outcome.Probes.Where(p => p.Critical).GroupBy(p => p.Service).ToList();
        var healthy = critical.Count(g => g.All(p => p.Healthy));
        return Redacted(new ProbeResult(
            outcome.ExitCode,
            $"{healthy}/{critical.Count} critical services healthy",
            [.. outcome.Services.Select(s => new ServiceState(s.Name, s.Critical, s.Deployed, s.Url, s.Failure))],
            [.. outcome.Probes.Select(p => new ProbeState(p.Service, p.Url, p.Healthy, p.StatusCode, p.CloseCode, p.LatencyMs, p.Detail))]));
    }

    [Description("DEPLOYS the services and runs the selected suites phase by phase, exactly as `greenlight run` (one iteration, no remediation): "
        + "returns the verdict, counts, failing tests, doubted passes, root-cause clusters with their server log lines, and the worklog path. "
        + "Sends a progress notification per step; cancelling stops the services and writes the worklog.")]
    public async Task<RunResult> Run(
        IProgress<ProgressNotificationValue> progress,
        [Description("A focus from greenlight.yaml, a suite id, a category, p1…p6 or all (default all)")] string? focus = null,
        [Description("Stop at the first phase that misses its pass criterion (default: loop.fail_fast of greenlight.yaml)")] bool? failFast = null,
        CancellationToken cancellationToken = default)
    {
        var config = Config();
        var pipeline = new RunPipeline(StageCatalog.Create(Time, redactor), Time, redactor, new McpRunProgress(progress), Random.Shared, RunReporters.Create(redactor, junit: null));
        var outcome = await pipeline.RunAsync(config, new RunOptions(focus, failFast, Iterations: 1), cancellationToken);
        if (outcome.InternalError is { } internalError)
        {
            throw new McpException($"internal error, not a verdict on your services (exit {outcome.ExitCode}): {internalError}; what the run wrote before it is in {outcome.RunDirectory}");
        }

        if (outcome.Record is not { } record)
        {
            throw new McpException(string.Join("\n", outcome.ConfigErrors));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var directory = outcome.RunDirectory!;
        var tests = record.Tests;
        return Redacted(new RunResult(
            record.RunId,
            record.Verdict.ToString().ToUpperInvariant(),
            record.ExitCode,
            record.Reasons,
            record.NextAction,
            tests.Count(t => t.Outcome == TestOutcome.Passed),
            tests.Count(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error),
            tests.Count(t => t.Outcome == TestOutcome.Passed && !t.Proven),
            [.. tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error).Select(t => new FailingTest(t.Suite, t.Name, t.Outcome.ToString().ToLowerInvariant(), t.Message))],
            [.. tests.Where(t => t.Outcome == TestOutcome.Passed && !t.Proven).Select(t => new DoubtedPass(t.Suite, t.Name, t.Reasons, t.Evidence))],
            [.. record.Clusters.Select(c => new ClusterSummary(c.Title, c.Count, c.Tests, c.Services, [.. c.Evidence.Select(e => $"{e.Service}: {e.Text}")], c.PrecedingDeploy))],
            directory,
            Path.Combine(directory, "worklog.md"),
            Path.Combine(directory, "run.json")));
    }

    [Description("The evidence bundle of a RED, UNPROVEN or BLOCKED run (failing tests, clusters with log lines and exchanges, what was deployed), as written to iterations/N/bundle.json.")]
    public JsonElement Evidence(
        [Description("The run id (default: the latest run that has a bundle)")] string? runId = null,
        [Description("The iteration (default: the last one with a bundle)")] int? iteration = null)
    {
        var config = Config();
        var runs = Path.Combine(config.RootDirectory, ".greenlight", "runs");
        var candidates = (runId is null
                ? (Directory.Exists(runs) ? Directory.GetDirectories(runs).OrderDescending(StringComparer.Ordinal) : Enumerable.Empty<string>())
                : [Path.Combine(runs, RunFolderName(runId))])
            .ToList();
        if (runId is not null && !Directory.Exists(candidates[0]))
        {
            throw new McpException($"run '{runId}' not found in {runs}");
        }

        foreach (var run in candidates)
        {
            var iterations = Path.Combine(run, "iterations");
            var bundles = Directory.Exists(iterations)
                ? Directory.GetDirectories(iterations)
                    .Select(d => (Number: int.TryParse(Path.GetFileName(d), out var n) ? n : -1, Path: Path.Combine(d, "bundle.json")))
                    .Where(b => File.Exists(b.Path) && (iteration is null || b.Number == iteration))
                    .OrderByDescending(b => b.Number)
                    .ToList()
                : [];
            if (bundles.Count > 0)
            {
                using var document = JsonDocument.Parse(redactor.Redact(File.ReadAllText(bundles[0].Path)));
                return document.RootElement.Clone();
            }

            if (runId is not null)
            {
                throw new McpException(iteration is null
                    ? $"run '{runId}' has no evidence bundle: bundles are written for RED, UNPROVEN and BLOCKED iterations only"
                    : $"run '{runId}' has no evidence bundle for iteration {iteration}");
            }
        }

        throw new McpException($"no run in {runs} has an evidence bundle yet: run the suites first");
    }

    [Description("Check the working tree's changes against a git revision (default HEAD) with Greenlight's change guard: test tampering (skips added, "
        + "assertions removed or weakened, tests deleted) and, with analysisOnly, any change to a tracked file. Reads the repository; changes nothing.")]
    public async Task<CheckFixResult> CheckFix(
        [Description("The git revision the fix is compared with (default HEAD: the uncommitted changes)")] string? baseRevision = null,
        [Description("Report any change to a tracked file as a violation, as `run --analysis-only` does")] bool analysisOnly = false,
        CancellationToken cancellationToken = default)
    {
        var config = Config();
        var git = new Git(new ChildProcess(redactor, Time));
        var revision = baseRevision ?? "HEAD";
        var root = await git.RunAsync(config.RootDirectory, ["rev-parse", "--show-toplevel"], cancellationToken);
        if (!root.Succeeded)
        {
            throw new McpException($"{config.RootDirectory} is not a git repository: {root.Error.Trim()}");
        }

        var top = root.Output.Trim();
        var commit = await git.RunAsync(top, ["rev-parse", "-q", "--verify", revision + "^{commit}"], cancellationToken);
        var tree = await git.RunAsync(top, ["rev-parse", "-q", "--verify", revision + "^{tree}"], cancellationToken);
        var tracked = await git.RunAsync(top, ["ls-tree", "-r", "-z", "--name-only", revision], cancellationToken);
        if (!commit.Succeeded || !tree.Succeeded || !tracked.Succeeded)
        {
            throw new McpException($"'{revision}' is not a revision of the repository at {top}");
        }

        var before = new RepoSnapshot
        {
            RepositoryRoot = top,
            Head = commit.Output.Trim(),
            TreeId = tree.Output.Trim(),
            Tracked = Git.SplitNul(tracked.Output).ToHashSet(StringComparer.Ordinal),
            TakenAt = Time.GetUtcNow(),
        };
        var guard = new ChangeGuard(git, Time, config.Guard);
        var compared = await guard.CompareAsync(before, cancellationToken);
        if (compared.Value is not { } report)
        {
            throw new McpException($"the change guard could not compare: {compared.Failure}");
        }

        var decision = GuardDecision.Decide(report, config.Guard.Policy, analysisOnly);
        return Redacted(new CheckFixResult(
            revision,
            decision.Outcome switch
            {
                GuardOutcome.NoChange => "no-change",
                GuardOutcome.Accepted => "accepted",
                GuardOutcome.Flagged => "flagged",
                GuardOutcome.Rejected => "rejected",
                _ => "analysis-only-violation",
            },
            decision.Reason.Replace("the remediation", "the working tree", StringComparison.Ordinal),
            decision.CountsAsFix,
            [.. report.Files.Select(f => new ChangedFileState(f.Path, f.Kind.ToString().ToLowerInvariant(), f.IsTest, f.AddedLines, f.DeletedLines))],
            [.. decision.Findings.Select(f => new GuardFindingState(f.Code, f.File, f.Line, f.Text))]));
    }

    [Description("What the history store remembers: recent runs, pass rates per suite and phase, slowest and flaky tests, open clusters; narrowed to a suite or a test when given.")]
    public async Task<JsonElement> History(
        [Description("Only this suite")] string? suite = null,
        [Description("Only tests whose name contains this")] string? test = null,
        [Description("How many recent runs to aggregate over (default 10)")] int runs = 10,
        CancellationToken cancellationToken = default)
    {
        var config = Config();
        var (report, error) = await HistoryCommand.LoadAsync(config, Math.Clamp(runs, 1, 1000), cancellationToken);
        if (report is null)
        {
            throw new McpException(error!);
        }

        bool Matches(string testSuite, string name) =>
            (suite is null || testSuite == suite) && (test is null || name.Contains(test, StringComparison.Ordinal));
        var narrowed = report with
        {
            PassRateBySuite = [.. report.PassRateBySuite.Where(p => suite is null || p.Group == suite)],
            SlowestTests = [.. report.SlowestTests.Where(t => Matches(t.Suite, t.Name))],
            FlakyTests = [.. report.FlakyTests.Where(t => Matches(t.Suite, t.Name))],
        };
        using var document = JsonDocument.Parse(redactor.Redact(JsonSerializer.Serialize(narrowed, RunJson.Options)));
        return document.RootElement.Clone();
    }

    /// <summary>The latest run's worklog (markdown), for the <c>greenlight://runs/latest/worklog.md</c> resource.</summary>
    public string LatestWorklog() => LatestRunFile("worklog.md");

    /// <summary>The latest run's run.json, for the <c>greenlight://runs/latest/run.json</c> resource.</summary>
    public string LatestRunJson() => LatestRunFile("run.json");

    private string LatestRunFile(string name)
    {
        var config = Config();
        var runs = Path.Combine(config.RootDirectory, ".greenlight", "runs");
        var latest = Directory.Exists(runs)
            ? Directory.GetDirectories(runs).OrderDescending(StringComparer.Ordinal).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            : null;
        return latest is null ? throw new McpException($"no run in {runs} has a {name} yet") : redactor.Redact(File.ReadAllText(latest));
    }

    private GreenlightConfig Config()
    {
        var (path, error) = CommonOptions.Locate(configPath);
        if (path is null)
        {
            throw new McpException(error!);
        }

        var loaded = ConfigSession.Load(path, redactor);
        return loaded.Succeeded ? loaded.Config! : throw new McpException(string.Join("\n", loaded.Errors.Select(e => e.ToString())));
    }

    // A run id names a folder; nothing else (no path) is taken from the caller.
    private static string RunFolderName(string runId) =>
        runId.Length > 0 && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? runId
            : throw new McpException($"'{runId}' is not a run id (letters, digits, '-' and '_')");

    // Secrets never leave through the protocol: every string of a result goes through the redactor.
    private T Redacted<T>(T value)
    {
        var json = redactor.Redact(JsonSerializer.Serialize(value, McpJsonUtilities.DefaultOptions));
        return JsonSerializer.Deserialize<T>(json, McpJsonUtilities.DefaultOptions)!;
    }
}
