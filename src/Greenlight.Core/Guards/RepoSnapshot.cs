namespace Greenlight.Guards;

/// <summary>
/// The state of a repository before remediation, taken without touching its index, stash or refs:
/// <see cref="TreeId"/> is a git tree of the whole working tree (as <c>git stash create</c> would
/// record it, untracked files included), written through a temporary index.
/// </summary>
public sealed record RepoSnapshot
{
    public required string RepositoryRoot { get; init; }
    /// <summary>The commit checked out, or null in a repository with no commit yet.</summary>
    public string? Head { get; init; }
    public required string TreeId { get; init; }
    /// <summary><c>git status --porcelain</c> lines: what was already uncommitted when the snapshot was taken.</summary>
    public IReadOnlyList<string> Status { get; init; } = [];
    /// <summary>Paths git tracked (the index) at snapshot time.</summary>
    public IReadOnlySet<string> Tracked { get; init; } = new HashSet<string>();
    public DateTimeOffset TakenAt { get; init; }

    /// <summary>True when tracked files had uncommitted changes (reported; a run may refuse to start).</summary>
    public bool IsDirty => Status.Any(s => !s.StartsWith("??", StringComparison.Ordinal));
}
