namespace Greenlight.Model;

/// <summary>
/// What changed in a service between its last good build (the last one whose tests passed with proof) and
/// the build this run ran: the parts of the revision that differ and, for a git change, the files changed
/// between the two commits inside the service's folder. A root-cause cluster that involves the service carries it.
/// </summary>
public sealed record ServiceChangeRecord
{
    public required string Service { get; init; }
    /// <summary>The last good build's revision, e.g. "git a8aa565+build 3f9c2e1d+env 1a2b3c4d".</summary>
    public required string LastGood { get; init; }
    /// <summary>The revision this run ran (for a rolled-back service, the one it was rolled back from).</summary>
    public required string Current { get; init; }
    /// <summary>The run whose tests made the last good build good; null for builds stored before it was recorded.</summary>
    public string? MadeGoodBy { get; init; }
    /// <summary>"build 3f9c2e1d → 7a6b5c4d", "git a8aa565 → b1c2d3e", "env 1a2b3c4d → 5e6f7a8b" (or "revision A → B" when the revision has no parts).</summary>
    public IReadOnlyList<string> Changed { get; init; } = [];
    /// <summary>Files changed between the two commits (and in the working tree when it is dirty) inside the service's folder, repository-relative.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>Changed files past those listed.</summary>
    public int MoreFiles { get; init; }
    /// <summary>Why the changed files could not be listed ("git diff failed: …").</summary>
    public string? FilesProblem { get; init; }
}

/// <summary>A revision string split into its parts: "git a8aa565-dirty+build 3f9c2e1d+env 1a2b3c4d".</summary>
/// <param name="Git">The short commit, without "-dirty".</param>
public sealed record RevisionParts(string? Git, bool Dirty, string? Build, string? Env);
