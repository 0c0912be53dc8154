namespace Greenlight.Guards;

public enum ChangeKind
{
    Added,
    Modified,
    Deleted,
    Renamed,
    TypeChanged,
}

/// <param name="Path">Repository-relative path after the change (the old path for a deletion).</param>
/// <param name="OldPath">The path before a rename; otherwise equal to <paramref name="Path"/>.</param>
/// <param name="AddedLines">Null for a binary file.</param>
public sealed record ChangedFile(string Path, string OldPath, ChangeKind Kind, int? AddedLines, int? DeletedLines, bool IsTest);

/// <summary>Stable finding codes, shown in every output.</summary>
public static class GuardCodes
{
    public const string TestTampering = "test-tampering";
    public const string AddedSkip = "added-skip";
    public const string RemovedAssertion = "removed-assertion";
    public const string WeakenedAssertion = "weakened-assertion";
    public const string DeletedTest = "deleted-test";
    public const string DeletedTestFile = "deleted-test-file";
    public const string AnalysisOnlyViolation = "analysis-only-violation";
}

/// <param name="Code">One of <see cref="GuardCodes"/>.</param>
/// <param name="Line">1-based; in the new file, or in the old one when <paramref name="InOldFile"/> (removed lines).</param>
/// <param name="Text">The offending line, trimmed.</param>
public sealed record GuardFinding(string Code, string File, int? Line, bool InOldFile, string Text)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}{(InOldFile ? " (before)" : "")}" : File;
        return Text.Length == 0 ? $"{where}: {Code}" : $"{where}: {Code}: {Text}";
    }
}

/// <summary>What remediation changed in the repository, from one snapshot to the state after it.</summary>
public sealed record ChangeReport
{
    public required RepoSnapshot Before { get; init; }
    public required RepoSnapshot After { get; init; }
    public IReadOnlyList<ChangedFile> Files { get; init; } = [];
    /// <summary><c>git diff --stat</c> between the two snapshots, for the worklog.</summary>
    public string DiffStat { get; init; } = "";
    /// <summary>Test tampering found in the diff of test files (codes other than analysis-only).</summary>
    public IReadOnlyList<GuardFinding> Findings { get; init; } = [];

    public bool HeadMoved => !string.Equals(Before.Head, After.Head, StringComparison.Ordinal);
    public bool Changed => HeadMoved || !string.Equals(Before.TreeId, After.TreeId, StringComparison.Ordinal);
    public IReadOnlyList<ChangedFile> TestFiles => [.. Files.Where(f => f.IsTest)];
}
