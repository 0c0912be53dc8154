namespace Greenlight.Guards;

/// <summary>What happens to an iteration whose remediation tampered with tests.</summary>
public enum TamperingPolicy
{
    /// <summary>Findings are listed; the iteration counts as a fix.</summary>
    Allow,
    /// <summary>Findings are flagged as <c>test-tampering</c> in the worklog; the iteration still counts.</summary>
    Flag,
    /// <summary>Findings are flagged and the iteration is not counted as a fix (the default).</summary>
    Reject,
}

/// <summary><c>guard:</c> in greenlight.yaml.</summary>
public sealed record GuardOptions
{
    public static readonly IReadOnlyList<string> DefaultTestGlobs =
    [
        // C#
        "**/*Tests*/**/*.cs", "**/*.Tests.cs", "**/*Tests.cs", "**/*E2E*/**", "*E2E*",
        // Python
        "**/test_*.py", "**/*_test.py", "tests/", "conftest.py",
        // JavaScript / TypeScript
        "**/*.test.*", "**/*.spec.*", "__tests__/",
        // Go
        "**/*_test.go",
    ];

    public IReadOnlyList<string> TestGlobs { get; init; } = DefaultTestGlobs;
    public TamperingPolicy Policy { get; init; } = TamperingPolicy.Reject;
    /// <summary>Include untracked (not ignored) files in the snapshot, so new files show in the diff.</summary>
    public bool IncludeUntracked { get; init; } = true;
    /// <summary>Refuse to start remediation when tracked files already have uncommitted changes (<see cref="RepoSnapshot.IsDirty"/>); otherwise only report them.</summary>
    public bool RefuseDirty { get; init; }
    /// <summary>Absolute folders left out of every snapshot (Greenlight's own <c>.greenlight/</c> run outputs), so writing them is not a change.</summary>
    public IReadOnlyList<string> ExcludeDirectories { get; init; } = [];
}
