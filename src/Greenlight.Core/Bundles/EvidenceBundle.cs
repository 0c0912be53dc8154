using Greenlight.Model;

namespace Greenlight.Bundles;

/// <summary>
/// What a remediation command (a person's script or a fixing agent) is handed after a RED or
/// UNPROVEN iteration: <c>bundle.json</c> and the same as <c>bundle.md</c> in the iteration's folder.
/// </summary>
public sealed record EvidenceBundle
{
    public int SchemaVersion { get; init; } = 1;
    public required string RunId { get; init; }
    public required int Iteration { get; init; }
    public required Verdict Verdict { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public string NextAction { get; init; } = "";
    /// <summary>The git top level (or the config folder outside git): where the fix goes.</summary>
    public required string RepositoryRoot { get; init; }
    public required string ConfigPath { get; init; }
    public required string RunDirectory { get; init; }
    /// <summary>The worklog as it stands after this iteration.</summary>
    public required string Worklog { get; init; }
    public IReadOnlyList<BundleService> Deployed { get; init; } = [];
    public IReadOnlyList<BundleTest> FailingTests { get; init; } = [];
    public IReadOnlyList<BundleTest> UnprovenTests { get; init; } = [];
    public IReadOnlyList<BundleCluster> Clusters { get; init; } = [];
    /// <summary>Rollbacks and failed gates of the iteration, one line each.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];
}

/// <param name="Log">Absolute path of the service's log.</param>
public sealed record BundleService(string Name, string? Revision, string? Url, bool Healthy, string? Log);

public sealed record BundleTest(string Suite, string Name, TestOutcome Outcome, string? Message, IReadOnlyList<string> Reasons);

/// <param name="Source">"tests" for failing tests sharing a signature, "gate" for a failed pre-deploy gate.</param>
/// <param name="Evidence">Messages, findings ("file:line: …") or log lines behind the cluster.</param>
public sealed record BundleCluster(string Source, string Title, int Count, IReadOnlyList<string> Tests, IReadOnlyList<string> Evidence);
