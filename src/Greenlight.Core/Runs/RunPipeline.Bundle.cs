using System.Text.Json;
using Greenlight.Bundles;
using Greenlight.Model;
using Greenlight.Reporting;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    public const string BundleJson = "bundle.json";
    public const string BundleMd = "bundle.md";

    /// <summary>Writes <c>bundle.json</c> and <c>bundle.md</c> into the iteration's folder and records the path.</summary>
    private async Task WriteBundleAsync(RunState state, CancellationToken cancellationToken)
    {
        var run = Compute(state);
        var root = await RepositoryRootAsync(state.Config.RootDirectory, cancellationToken);
        var bundle = new EvidenceBundle
        {
            RunId = state.RunId,
            Iteration = state.Iteration,
            Verdict = run.Verdict,
            Reasons = run.Reasons,
            NextAction = run.NextAction,
            RepositoryRoot = root,
            ConfigPath = state.Config.SourcePath,
            RunDirectory = state.RunDirectory,
            Worklog = Path.Combine(state.RunDirectory, RunFolder.Worklog),
            Deployed = [.. run.Services.Select(s => new BundleService(
                s.Name, s.Revision, s.Url, s.Deployed && run.Probes.Where(p => p.Service == s.Name).All(p => p.Healthy),
                state.LogPaths.GetValueOrDefault(s.Name)))],
            FailingTests = [.. run.Tests.Where(t => t.Outcome is TestOutcome.Failed or TestOutcome.Error)
                .Select(t => new BundleTest(t.Suite, t.Name, t.Outcome, t.Message, t.Reasons))],
            UnprovenTests = [.. run.Tests.Where(t => t.Outcome == TestOutcome.Passed && t.Reasons.Count > 0)
                .Select(t => new BundleTest(t.Suite, t.Name, t.Outcome, t.Message, t.Reasons))],
            Clusters = BundleClusters(run),
            Events = [.. run.Rollbacks.Select(r => r.Description), .. run.Gates.Where(g => !g.Passed).Select(g => $"gate {g.Gate} failed: {g.Summary}")],
        };
        var directory = state.IterationDirectory;
        Directory.CreateDirectory(directory);
        var json = redactor.Redact(JsonSerializer.Serialize(bundle, RunJson.Options)) + "\n";
        await File.WriteAllTextAsync(Path.Combine(directory, BundleJson), json, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, BundleMd), redactor.Redact(BundleMarkdown.Render(bundle)), cancellationToken);
        state.Iterations[^1] = state.Iterations[^1] with { Bundle = Path.GetRelativePath(state.RunDirectory, Path.Combine(directory, BundleJson)) };
        progress.Step("bundle", Text(state.Iteration), $"evidence bundle: {Path.Combine(directory, BundleJson)}", true);
    }

    /// <summary>
    /// The bundle's clusters: one per failed gate, then the iteration's analysed root causes with their
    /// server log lines (the same clusters as the worklog's Root causes; the failing tests are listed apart).
    /// </summary>
    internal static IReadOnlyList<BundleCluster> BundleClusters(RunRecord run) =>
    [
        .. run.Gates.Where(g => !g.Passed)
            .Select(g => new BundleCluster("gate", $"gate {g.Gate}: {g.Summary}", Math.Max(1, g.Findings.Count), [], [.. g.Findings, .. g.Evidence])),
        .. run.Clusters.Select(c => new BundleCluster(
            "analysis", c.Title, c.Count, c.Tests,
            [.. c.Messages.Take(3), .. c.PrecedingDeploy is { } d ? [d] : Array.Empty<string>(), .. c.Evidence.Select(e => $"{e.Service} {e.Level}: {e.Text}"), .. c.TrafficFaults])),
    ];

    private async Task<string> RepositoryRootAsync(string directory, CancellationToken cancellationToken)
    {
        var top = await new Repository.Git(_processes).RunAsync(directory, ["rev-parse", "--show-toplevel"], cancellationToken);
        return top.Succeeded ? top.Output.Trim() : directory;
    }
}
