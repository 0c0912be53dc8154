using System.Text.Json;
using Greenlight.Bundles;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Reporting;
using Greenlight.Repository;
using Greenlight.Secrets;

namespace Greenlight.Runs.Remediating;

/// <summary>Writes the evidence bundle (<c>bundle.json</c>, <c>bundle.md</c>) a remediation is handed, secrets redacted.</summary>
internal sealed class BundleWriter(ChildProcess processes, SecretRedactor redactor, IRunProgress progress)
{
    public const string BundleJson = "bundle.json";
    public const string BundleMd = "bundle.md";

    /// <summary>Where iteration <paramref name="iteration"/>'s bundle goes, relative to the run folder as run.json keeps it.</summary>
    public static string RelativePath(RunContext run, int iteration) => run.Relative(Path.Combine(run.IterationDirectory(iteration), BundleJson));

    /// <param name="run">The run record as it stands, with this iteration last.</param>
    /// <param name="logPaths">Each service's log, for the reader of the bundle.</param>
    public async Task<string> WriteAsync(RunContext context, int iteration, RunRecord run, IReadOnlyDictionary<string, string> logPaths, CancellationToken cancellationToken)
    {
        var top = await new Git(processes).RunAsync(context.Config.RootDirectory, ["rev-parse", "--show-toplevel"], cancellationToken);
        var bundle = new EvidenceBundle
        {
            RunId = context.RunId,
            Iteration = iteration,
            Verdict = run.Verdict,
            Reasons = run.Reasons,
            NextAction = run.NextAction,
            RepositoryRoot = top.Succeeded ? top.Output.Trim() : context.Config.RootDirectory,
            ConfigPath = context.Config.SourcePath,
            RunDirectory = context.RunDirectory,
            Worklog = Path.Combine(context.RunDirectory, RunFolder.Worklog),
            Deployed = [.. run.Services.Select(s => new BundleService(
                s.Name, s.Revision, s.Url, s.Deployed && run.Probes.Where(p => p.Service == s.Name).All(p => p.Healthy),
                logPaths.GetValueOrDefault(s.Name)))],
            FailingTests = [.. run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error)
                .Select(t => new BundleTest(t.Suite, t.Name, t.Outcome, t.Message, t.Reasons))],
            UnprovenTests = [.. run.Tests.Where(t => t.Outcome == TestOutcome.Passed && t.Reasons.Count > 0)
                .Select(t => new BundleTest(t.Suite, t.Name, t.Outcome, t.Message, t.Reasons))],
            Clusters = Clusters(run),
            Events = [.. run.Rollbacks.Select(r => r.Description), .. run.Gates.Where(g => !g.Passed).Select(g => $"gate {g.Gate} failed: {g.Summary}")],
        };
        var directory = context.IterationDirectory(iteration);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, BundleJson);
        await File.WriteAllTextAsync(path, redactor.Redact(JsonSerializer.Serialize(bundle, RunJson.Options)) + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, BundleMd), redactor.Redact(BundleMarkdown.Render(bundle)), cancellationToken);
        progress.Step("bundle", iteration.ToString(System.Globalization.CultureInfo.InvariantCulture), $"evidence bundle: {path}", true);
        return path;
    }

    /// <summary>
    /// The bundle's clusters: one per failed gate, then the iteration's analysed root causes with their
    /// server log lines (the same clusters as the worklog's Root causes; the failing tests are listed apart).
    /// </summary>
    internal static IReadOnlyList<BundleCluster> Clusters(RunRecord run) =>
    [
        .. run.Gates.Where(g => !g.Passed)
            .Select(g => new BundleCluster("gate", $"gate {g.Gate}: {g.Summary}", Math.Max(1, g.Findings.Count), [], [.. g.Findings, .. g.Evidence])),
        .. run.Clusters.Select(c => new BundleCluster(
            "analysis", c.Title, c.Count, c.Tests,
            [.. c.Messages.Take(3), .. c.PrecedingDeploy is { } d ? [d] : Array.Empty<string>(), .. c.Evidence.Select(e => $"{e.Service} {e.Level}: {e.Text}"), .. c.TrafficFaults,
                .. c.Changes.Select(Changed)])),
    ];

    /// <summary>"api changed since its last good build (run X): build a → b; git c → d; files: api/app.py, api/db.py".</summary>
    private static string Changed(ServiceChangeRecord change) =>
        $"{change.Service} changed since its last good build{(change.MadeGoodBy is { } by ? $" (run {by})" : "")}: {string.Join("; ", change.Changed)}"
        + (change.Files.Count > 0 ? $"; files: {string.Join(", ", change.Files)}{(change.MoreFiles > 0 ? $" and {change.MoreFiles} more" : "")}" : "");
}
